//! Condition operator names: `[ForAnyValue:|ForAllValues:]Base[IfExists]`.

use crate::code::Code;
use crate::diagnostic::did_you_mean;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// equality (String, Numeric, Date, Bool, Binary, Arn*Equals, Arn*Like)
    Equals,
    EqualsIgnoreCase,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
    /// IpAddress: the address is inside a range
    InRange,
    /// Null: presence test
    Null,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetQualifier {
    ForAnyValue,
    ForAllValues,
}

/// A parsed operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator {
    pub family: Family,
    pub compare: Compare,
    /// `StringNotEquals`, `NotIpAddress`, … : several values combine as NOR.
    pub negated: bool,
    pub set: Option<SetQualifier>,
    pub if_exists: bool,
}

impl Operator {
    /// Whether a clause with this operator holds when the request lacks its key (`Null`
    /// aside, which tests exactly that): with a set qualifier the set's rule decides,
    /// IfExists or not — ForAnyValue "returns false" for no key, ForAllValues is true (IAM
    /// User Guide, single-valued vs multivalued context keys); without one, IfExists makes
    /// it true and a negated operator is true.
    pub fn holds_without_key(&self) -> bool {
        match self.set {
            Some(SetQualifier::ForAllValues) => true,
            Some(SetQualifier::ForAnyValue) => false,
            None => self.if_exists || self.negated,
        }
    }
}

const BASES: &[(&str, Family, Compare, bool)] = &[
    ("StringEquals", Family::String, Compare::Equals, false),
    ("StringNotEquals", Family::String, Compare::Equals, true),
    ("StringEqualsIgnoreCase", Family::String, Compare::EqualsIgnoreCase, false),
    ("StringNotEqualsIgnoreCase", Family::String, Compare::EqualsIgnoreCase, true),
    ("StringLike", Family::String, Compare::Like, false),
    ("StringNotLike", Family::String, Compare::Like, true),
    ("NumericEquals", Family::Numeric, Compare::Equals, false),
    ("NumericNotEquals", Family::Numeric, Compare::Equals, true),
    ("NumericLessThan", Family::Numeric, Compare::LessThan, false),
    ("NumericLessThanEquals", Family::Numeric, Compare::LessThanEquals, false),
    ("NumericGreaterThan", Family::Numeric, Compare::GreaterThan, false),
    ("NumericGreaterThanEquals", Family::Numeric, Compare::GreaterThanEquals, false),
    ("DateEquals", Family::Date, Compare::Equals, false),
    ("DateNotEquals", Family::Date, Compare::Equals, true),
    ("DateLessThan", Family::Date, Compare::LessThan, false),
    ("DateLessThanEquals", Family::Date, Compare::LessThanEquals, false),
    ("DateGreaterThan", Family::Date, Compare::GreaterThan, false),
    ("DateGreaterThanEquals", Family::Date, Compare::GreaterThanEquals, false),
    ("Bool", Family::Bool, Compare::Equals, false),
    ("BinaryEquals", Family::Binary, Compare::Equals, false),
    ("IpAddress", Family::Ip, Compare::InRange, false),
    ("NotIpAddress", Family::Ip, Compare::InRange, true),
    ("ArnEquals", Family::Arn, Compare::Like, false),
    ("ArnLike", Family::Arn, Compare::Like, false),
    ("ArnNotEquals", Family::Arn, Compare::Like, true),
    ("ArnNotLike", Family::Arn, Compare::Like, true),
    ("Null", Family::Null, Compare::Null, false),
];

/// The operators' names without qualifiers (`StringEquals`, …, `Null`).
pub fn base_names() -> impl Iterator<Item = &'static str> {
    BASES.iter().map(|(name, ..)| *name)
}

/// Why an operator name was refused: (diagnostic code, message, help).
pub type OperatorError = (Code, String, Option<String>);

impl Operator {
    pub fn parse(name: &str) -> Result<Operator, OperatorError> {
        let (set, rest) = if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else {
            (None, name)
        };
        let lookup = |base: &str| BASES.iter().find(|(n, ..)| *n == base).copied();
        let (base, if_exists) = match lookup(rest) {
            Some(b) => (b, false),
            None => match rest.strip_suffix("IfExists").and_then(lookup) {
                Some(b) => (b, true),
                None => {
                    let mut names: Vec<String> = BASES.iter().map(|(n, ..)| n.to_string()).collect();
                    names.extend(BASES.iter().map(|(n, ..)| format!("{n}IfExists")));
                    let help = did_you_mean(rest, names.iter().map(String::as_str))
                        .map(|n| format!("did you mean `{}{n}`? operator names are case-sensitive", name.strip_suffix(rest).unwrap_or("")))
                        .or_else(|| Some("operators are `StringEquals`, `StringLike`, `NumericLessThan`, `DateGreaterThan`, `Bool`, `BinaryEquals`, `IpAddress`, `ArnLike`, `Null` and their `Not`, `IgnoreCase`, `IfExists` and `ForAnyValue:`/`ForAllValues:` forms".to_string()));
                    return Err((Code::ConditionOperatorUnknown, format!("unknown condition operator `{name}`"), help));
                }
            },
        };
        let (_, family, compare, negated) = base;
        if family == Family::Null && if_exists {
            return Err((
                Code::ConditionNullIfexists,
                format!("`{name}` is not allowed: `Null` cannot take `IfExists`"),
                Some("`Null` already tests whether the key is present; use `Null`".into()),
            ));
        }
        Ok(Operator { family, compare, negated, set, if_exists })
    }

    /// Whether policy variables may appear in this operator's values.
    pub fn allows_variables(&self) -> bool {
        matches!(self.family, Family::String | Family::Arn | Family::Bool)
    }

    /// Whether `*` and `?` are wildcards in this operator's values.
    pub fn uses_wildcards(&self) -> bool {
        self.compare == Compare::Like
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_affixes() {
        let op = Operator::parse("ForAllValues:StringNotLikeIfExists");
        assert_eq!(
            op.ok(),
            Some(Operator {
                family: Family::String,
                compare: Compare::Like,
                negated: true,
                set: Some(SetQualifier::ForAllValues),
                if_exists: true
            })
        );
        assert_eq!(Operator::parse("NullIfExists").err().map(|e| e.0), Some(Code::ConditionNullIfexists));
        let unknown = Operator::parse("StringEqual").err();
        assert_eq!(unknown.as_ref().map(|e| e.0), Some(Code::ConditionOperatorUnknown));
        assert!(unknown.and_then(|e| e.2).is_some_and(|h| h.contains("StringEquals")));
        assert!(Operator::parse("stringequals").is_err());
    }
}
