//! Every diagnostic code, in one enum: stable kebab-case names that scripts, tests and
//! the documentation (`docs/diagnostics.md`, which a test holds to this list both ways)
//! rely on. Codes are grouped as the documentation groups them.

use serde::Serialize;

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal,)*) => {
        /// A diagnostic's code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the documentation's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in output and documentation (`json-syntax`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // JSON
    JsonSyntax = "json-syntax",
    JsonDuplicateKey = "json-duplicate-key",
    // Policy grammar (whatever the policy's use)
    PolicyNotObject = "policy-not-object",
    PolicyElementUnknown = "policy-element-unknown",
    PolicyVersionMissing = "policy-version-missing",
    PolicyVersionLegacy = "policy-version-legacy",
    PolicyVersionInvalid = "policy-version-invalid",
    PolicyStatementMissing = "policy-statement-missing",
    StatementNotObject = "statement-not-object",
    StatementElementUnknown = "statement-element-unknown",
    StatementEffectMissing = "statement-effect-missing",
    StatementEffectInvalid = "statement-effect-invalid",
    StatementActionMissing = "statement-action-missing",
    StatementActionConflict = "statement-action-conflict",
    StatementResourceConflict = "statement-resource-conflict",
    StatementPrincipalConflict = "statement-principal-conflict",
    ValueType = "value-type",
    EmptyArray = "empty-array",
    EmptyObject = "empty-object",
    ActionFormat = "action-format",
    ActionServiceWildcard = "action-service-wildcard",
    ResourceFormat = "resource-format",
    ResourceWildcardService = "resource-wildcard-service",
    ResourceWildcardType = "resource-wildcard-type",
    PrincipalInvalid = "principal-invalid",
    PrincipalWildcard = "principal-wildcard",
    PrincipalGroup = "principal-group",
    PolicyCharacterInvalid = "policy-character-invalid",
    // Per policy type
    PolicyUnused = "policy-unused",
    PolicyIdUnexpected = "policy-id-unexpected",
    ScpVersion = "scp-version",
    SidInvalid = "sid-invalid",
    SidDuplicate = "sid-duplicate",
    StatementPrincipalForbidden = "statement-principal-forbidden",
    StatementResourceMissing = "statement-resource-missing",
    StatementPrincipalMissing = "statement-principal-missing",
    NotprincipalAllow = "notprincipal-allow",
    TrustNotprincipal = "trust-notprincipal",
    TrustResourceForbidden = "trust-resource-forbidden",
    TrustPrincipalWildcard = "trust-principal-wildcard",
    TrustPrincipalEveryone = "trust-principal-everyone",
    RcpPrincipal = "rcp-principal",
    RcpAllow = "rcp-allow",
    RcpNotaction = "rcp-notaction",
    PassroleWide = "passrole-wide",
    CreateSlrWide = "create-slr-wide",
    SidEmpty = "sid-empty",
    StatementDuplicate = "statement-duplicate",
    PrincipalUniqueId = "principal-unique-id",
    PrincipalServiceFormat = "principal-service-format",
    TrustOidcUnconditioned = "trust-oidc-unconditioned",
    TrustFederatedAction = "trust-federated-action",
    TrustRolesanywhereActions = "trust-rolesanywhere-actions",
    PrincipalFederatedFormat = "principal-federated-format",
    TrustPrincipalRedundant = "trust-principal-redundant",
    ResourceServiceUnrestricted = "resource-service-unrestricted",
    PrincipalFederatedResource = "principal-federated-resource",
    ResourceRedundant = "resource-redundant",
    ActionRedundant = "action-redundant",
    ConditionS3PrefixNegated = "condition-s3-prefix-negated",
    ConditionWildcardOnly = "condition-wildcard-only",
    ConditionTagNotaction = "condition-tag-notaction",
    ConditionAudienceQualifier = "condition-audience-qualifier",
    ConditionVpcsourceipUnpaired = "condition-vpcsourceip-unpaired",
    ConditionSensitiveWildcard = "condition-sensitive-wildcard",
    RcpConditionServicePrincipals = "rcp-condition-service-principals",
    RcpActionService = "rcp-action-service",
    ConditionArnStringlike = "condition-arn-stringlike",
    ConditionTagUnsupported = "condition-tag-unsupported",
    ConditionVpceServices = "condition-vpce-services",
    ConditionKeyIrrelevant = "condition-key-irrelevant",
    ActionServiceUnknown = "action-service-unknown",
    ActionUnknown = "action-unknown",
    ConditionKeyUnknown = "condition-key-unknown",
    ConditionKeyUnsupported = "condition-key-unsupported",
    ConditionOperatorType = "condition-operator-type",
    ResourceTypeMismatch = "resource-type-mismatch",
    ResourceArnFormat = "resource-arn-format",
    ResourceArnAccount = "resource-arn-account",
    ConditionKeyFormat = "condition-key-format",
    // Conditions
    ConditionOperatorUnknown = "condition-operator-unknown",
    ConditionNullIfexists = "condition-null-ifexists",
    ConditionKeyDuplicate = "condition-key-duplicate",
    ConditionBoolMultiple = "condition-bool-multiple",
    ConditionValueInvalid = "condition-value-invalid",
    ConditionForallvaluesSingle = "condition-forallvalues-single",
    ConditionMultivaluedWithoutSet = "condition-multivalued-without-set",
    ConditionBoolCase = "condition-bool-case",
    ConditionDateEpoch = "condition-date-epoch",
    ConditionWildcardWithoutLike = "condition-wildcard-without-like",
    ConditionSourceipPrivate = "condition-sourceip-private",
    ConditionNullQualifier = "condition-null-qualifier",
    ConditionIpHostBits = "condition-ip-host-bits",
    ConditionVpcFormat = "condition-vpc-format",
    ConditionKeySpoofable = "condition-key-spoofable",
    ConditionDynamodbAttributes = "condition-dynamodb-attributes",
    ConditionNumericRedundant = "condition-numeric-redundant",
    // Policy variables
    VariableNotAllowed = "variable-not-allowed",
    VariableMalformed = "variable-malformed",
    VariableOperator = "variable-operator",
    // Scenario and references
    ScenarioFormatVersion = "scenario-format-version",
    ScenarioFieldMissing = "scenario-field-missing",
    ScenarioFieldUnknown = "scenario-field-unknown",
    ScenarioFieldConflict = "scenario-field-conflict",
    ScenarioType = "scenario-type",
    PolicyNameInvalid = "policy-name-invalid",
    NameDuplicate = "name-duplicate",
    AccountIdInvalid = "account-id-invalid",
    AccountDuplicate = "account-duplicate",
    PathInvalid = "path-invalid",
    ResourceArnInvalid = "resource-arn-invalid",
    ResourceRolePolicy = "resource-role-policy",
    ProfileOneRole = "profile-one-role",
    ReferenceUnknown = "reference-unknown",
    AwsPolicyUnknown = "aws-policy-unknown",
    AwsPolicyUnavailable = "aws-policy-unavailable",
    RequestFieldMissing = "request-field-missing",
    RequestActionInvalid = "request-action-invalid",
    RequestActionUnknown = "request-action-unknown",
    RequestResourceType = "request-resource-type",
    RequestExpectInvalid = "request-expect-invalid",
    SessionPolicyIgnored = "session-policy-ignored",
    RequestFieldIgnored = "request-field-ignored",
    KmsKeyUndeclared = "kms-key-undeclared",
    TextTooLarge = "text-too-large",
    ValueTooLong = "value-too-long",
    PolicyTooLarge = "policy-too-large",
    // Quotas
    PolicySize = "policy-size",
    QuotaManagedPolicies = "quota-managed-policies",
    QuotaGroups = "quota-groups",
    QuotaSessionPolicies = "quota-session-policies",
    // Import
    ImportJson = "import-json",
    ImportType = "import-type",
    ImportNotExport = "import-not-export",
    ImportDuplicateKey = "import-duplicate-key",
    ImportTruncated = "import-truncated",
    ImportFieldMissing = "import-field-missing",
    ImportNameInvalid = "import-name-invalid",
    ImportNameDuplicate = "import-name-duplicate",
    ImportPathInvalid = "import-path-invalid",
    ImportAccountInvalid = "import-account-invalid",
    ImportAccountMissing = "import-account-missing",
    ImportAccountMismatch = "import-account-mismatch",
    ImportPolicyDuplicate = "import-policy-duplicate",
    ImportPolicyVersion = "import-policy-version",
    ImportPolicyRenamed = "import-policy-renamed",
    ImportPolicyMissing = "import-policy-missing",
    ImportAwsManagedFromData = "import-aws-managed-from-data",
    ImportDocumentEncoding = "import-document-encoding",
    ImportDocumentInvalid = "import-document-invalid",
    ImportGroupMissing = "import-group-missing",
    ImportProfileRoles = "import-profile-roles",
    ImportRoleMissing = "import-role-missing",
    // Exercises
    ExerciseType = "exercise-type",
    ExerciseFieldMissing = "exercise-field-missing",
    ExerciseFieldUnknown = "exercise-field-unknown",
    ExerciseFieldRepeated = "exercise-field-repeated",
    ExerciseFormatVersion = "exercise-format-version",
    ExerciseIdInvalid = "exercise-id-invalid",
    ExerciseConstraint = "exercise-constraint",
    ExerciseStart = "exercise-start",
    ExerciseCheck = "exercise-check",
    ExerciseSolution = "exercise-solution",
    PackDuplicateId = "pack-duplicate-id",
    PackFile = "pack-file",
    PackPathInvalid = "pack-path-invalid",
    SubmissionType = "submission-type",
}

impl Code {
    /// The code named `name`, if it is one.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
