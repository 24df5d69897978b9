//! The default rules are compiled into the binary (`include_dir!` in
//! `src/app/rules_source.rs`); this makes cargo rebuild it whenever a file
//! under `rules/` changes, so `cargo run` never uses stale rules.
fn main() {
    println!("cargo:rerun-if-changed=rules");
}
