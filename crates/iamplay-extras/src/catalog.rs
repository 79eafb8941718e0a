//! AWS's catalog, once the page has handed its file over.

use iamplay_aws_data::catalog::Catalog;
use std::cell::Cell;

thread_local! {
    static CATALOG: Cell<Option<&'static Catalog>> = const { Cell::new(None) };
}

pub fn load(deflated: &[u8]) -> Result<(), String> {
    let c = Catalog::from_deflated(deflated)?;
    // kept for the page's life: leaked once, so every call can borrow it
    CATALOG.with(|slot| slot.set(Some(Box::leak(Box::new(c)))));
    Ok(())
}

/// The catalog, once it is here.
pub fn get() -> Option<&'static Catalog> {
    CATALOG.with(Cell::get)
}
