#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| iamplay_fuzz::import(data));
