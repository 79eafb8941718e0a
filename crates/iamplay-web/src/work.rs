//! The person's work: the three editor texts, and how they are kept.
//!
//! Rules (work is never lost):
//! - Typing is saved a moment after it pauses (and when the page is hidden).
//! - Texts that arrive from a share link are not saved until the person edits them:
//!   opening a link writes nothing.
//! - Whatever replaces the editors' texts wholesale (a link, an example, an import, a
//!   restore) first keeps the saved work it displaces in the Restore list (the last
//!   [`storage::KEPT`]), at the next save.
//! - A save that fails is shown, not swallowed.
//! - An embed never reads or writes the visitor's saved work; an exercise keeps its work
//!   per exercise (`exercise::Session`).

use crate::examples::Texts;
use crate::exercise::Session;
use crate::storage::{self, Kept};
use leptos::prelude::*;

/// The three editor texts, as the page holds them.
#[derive(Clone, Copy)]
pub struct TextSignals {
    pub policies: RwSignal<String>,
    pub principals: RwSignal<String>,
    pub request: RwSignal<String>,
}

impl TextSignals {
    pub fn new(t: Texts) -> Self {
        TextSignals {
            policies: RwSignal::new(t.policies),
            principals: RwSignal::new(t.principals),
            request: RwSignal::new(t.request),
        }
    }

    /// The texts now (tracked: a reactive reader re-runs when any of them changes).
    pub fn get(&self) -> Texts {
        Texts { policies: self.policies.get(), principals: self.principals.get(), request: self.request.get() }
    }

    pub fn get_untracked(&self) -> Texts {
        Texts {
            policies: self.policies.get_untracked(),
            principals: self.principals.get_untracked(),
            request: self.request.get_untracked(),
        }
    }

    pub fn set(&self, t: Texts) {
        self.policies.set(t.policies);
        self.principals.set(t.principals);
        self.request.set(t.request);
    }
}

/// Where the work is kept.
#[derive(Clone)]
pub enum Keeping {
    /// The playground: localStorage, with the Restore list.
    Playground,
    /// Exercise mode: the learner's progress of this exercise.
    Exercise(Session),
    /// An embed in another site's page: nothing is read or written.
    Nowhere,
}

/// How new texts came into the editors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// From a share link: saved only once the person edits them.
    Link,
    /// A person's own action (an example, an import, a restore): saved at once.
    Chosen,
}

#[derive(Clone, Copy)]
pub struct Work {
    pub texts: TextSignals,
    keeping: StoredValue<Keeping>,
    /// The texts a share link brought, while they are unedited (they are not saved).
    from_link: StoredValue<Option<Texts>>,
    /// Something replaced the texts since the last save: that save keeps the saved work
    /// it displaces in the Restore list.
    displacing: StoredValue<bool>,
    /// What Restore offers, newest first.
    pub restorable: RwSignal<Vec<Kept>>,
    /// Why the last save failed, while it does.
    pub save_problem: RwSignal<Option<String>>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Work {
    /// The work of a page opened with `initial` texts that arrived as `arrival`.
    pub fn new(initial: Texts, arrival: Arrival, keeping: Keeping) -> Work {
        let from_link = (arrival == Arrival::Link).then(|| initial.clone());
        let work = Work {
            texts: TextSignals::new(initial),
            keeping: StoredValue::new(keeping),
            from_link: StoredValue::new(from_link),
            displacing: StoredValue::new(arrival == Arrival::Link),
            restorable: RwSignal::new(Vec::new()),
            save_problem: RwSignal::new(None),
            pending: StoredValue::new(None),
        };
        work.refresh_restorable();
        work.autosave();
        work
    }

    fn keeps_playground_work(&self) -> bool {
        self.keeping.with_value(|k| matches!(k, Keeping::Playground))
    }

    /// Saves a moment after each change (off the keystroke's frame), and when the page
    /// is hidden.
    fn autosave(self) {
        if self.keeping.with_value(|k| matches!(k, Keeping::Nowhere)) {
            return;
        }
        Effect::new(move |first: Option<()>| {
            let now = self.texts.get();
            // unedited texts from a share link are not saved
            if self.from_link.with_value(|l| l.as_ref() == Some(&now)) {
                return;
            }
            self.from_link.set_value(None);
            // after a change, the address's share link (opened, or made by Share link)
            // holds other texts: a reload opens the work as it is now
            if first.is_some() {
                crate::address::forget_share_link();
            }
            self.cancel_pending();
            let handle = set_timeout_with_handle(move || self.save_now(), std::time::Duration::from_millis(250)).ok();
            self.pending.set_value(handle);
        });
        let listener = window_event_listener(leptos::ev::pagehide, move |_| {
            if self.pending.with_value(Option::is_some) {
                self.save_now();
            }
        });
        on_cleanup(move || listener.remove());
    }

    fn cancel_pending(&self) {
        if let Some(h) = self.pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    /// Saves the current texts now (a pending delayed save is done at once).
    pub fn save_now(&self) {
        self.cancel_pending();
        let t = self.texts.get_untracked();
        if self.from_link.with_value(|l| l.as_ref() == Some(&t)) {
            return;
        }
        let result = match self.keeping.get_value() {
            Keeping::Nowhere => Ok(()),
            Keeping::Exercise(s) => {
                s.update_progress(|p| p.texts = Some(t));
                Ok(())
            }
            Keeping::Playground => {
                let displaced = self.displacing.get_value().then(storage::load_work).flatten();
                let kept = match displaced.filter(|d| *d != t) {
                    Some(d) => storage::keep(&d),
                    None => Ok(()),
                };
                kept.and_then(|()| storage::save_work(&t)).and_then(|()| storage::forget(&t))
            }
        };
        match result {
            Ok(()) => {
                self.displacing.set_value(false);
                self.save_problem.set(None);
            }
            Err(why) => self.save_problem.set(Some(format!(
                "Your work is not being saved in this browser: {why}. Use Export or Share link to keep it."
            ))),
        }
        self.refresh_restorable();
    }

    /// Replaces the editors' texts; the saved work they displace goes to the Restore list.
    pub fn replace(&self, t: Texts, arrival: Arrival) {
        if t == self.texts.get_untracked() {
            return;
        }
        // what was typed a moment ago is saved first, so it is the work displaced
        if self.pending.with_value(Option::is_some) {
            self.save_now();
        }
        self.displacing.set_value(true);
        self.from_link.set_value((arrival == Arrival::Link).then(|| t.clone()));
        self.texts.set(t);
        self.refresh_restorable();
    }

    /// Brings back entry `i` of the Restore list.
    pub fn restore(&self, i: usize) {
        if let Some(k) = self.restorable.get_untracked().get(i) {
            self.replace(k.texts.clone(), Arrival::Chosen);
        }
    }

    /// The Restore list: the saved work a replacement displaced (until it is kept), then
    /// the kept ones; never the current texts.
    fn refresh_restorable(&self) {
        if !self.keeps_playground_work() {
            return;
        }
        let now = self.texts.get_untracked();
        let mut list: Vec<Kept> = Vec::new();
        if self.displacing.get_value() {
            if let Some(saved) = storage::load_work() {
                list.push(Kept { texts: saved, kept_at: js_sys::Date::now() });
            }
        }
        for k in storage::kept() {
            if !list.iter().any(|x| x.texts == k.texts) {
                list.push(k);
            }
        }
        list.retain(|k| k.texts != now);
        list.truncate(storage::KEPT);
        self.restorable.set(list);
    }
}
