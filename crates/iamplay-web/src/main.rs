//! The iamplay playground: a Leptos client-side app that calls the evaluator directly.
//! Nothing leaves the browser.

mod address;
mod app;
mod aws;
mod catalog;
mod editor;
mod embed_snippet;
mod examples;
mod exercise;
mod extras_panel;
mod fetch;
mod files;
mod findings;
mod result;
mod share_link;
mod storage;
mod task_panel;
mod topbar;
mod work;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
