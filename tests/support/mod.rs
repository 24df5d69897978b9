//! Helpers shared by the stage and id tests: a small corpus of made-up
//! articles about several regions, and running the binary.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

/// (file name, text): each tells a few dated events the rules know.
pub const CORPUS: &[(&str, &str)] = &[
    (
        "baltic_statement.txt",
        "date 2025-02-10\nEstonian Foreign Minister Margus Tsahkna visited Vilnius on Sunday and met his Lithuanian counterpart to discuss air defence.\nLithuania announced new sanctions on Belarus on Saturday.\n",
    ),
    (
        "kenya_visit.txt",
        "date 2024-11-06\nKenyan President William Ruto arrived in Addis Ababa on Tuesday for talks with Ethiopian Prime Minister Abiy Ahmed on the shared border and trade in the region.\nThe two leaders signed an agreement on power exports on Wednesday, officials said.\n",
    ),
    (
        "korea_summit.txt",
        "date 2024-05-28\nSouth Korean President Yoon Suk Yeol hosted Chinese Premier Li Qiang in Seoul on Sunday for the first trilateral summit in four years.\nJapanese Prime Minister Fumio Kishida arrived in Seoul on Sunday to join the summit.\n",
    ),
    (
        "peru_talks.txt",
        "date 2023-05-17\nPeruvian and Chilean officials met in Lima on Monday to discuss migration across their common border.\nChile closed the border crossing at Chacalluta on Sunday after hundreds of migrants gathered there.\n",
    ),
    (
        "sudan_ceasefire.txt",
        "date 2023-06-11\nThe Sudanese army and the Rapid Support Forces agreed to a 24-hour ceasefire in Khartoum on Saturday, Saudi and American mediators said.\n",
    ),
    (
        "yemen_strike.txt",
        "date 2024-01-13\nJets carried out airstrikes on rebel positions in Hodeidah on Friday, killing six fighters, local officials said.\nThe Houthis said they would respond to the attack.\n",
    ),
];

/// Runs `dateline ARGS` from the crate root; panics with its stderr on failure.
pub fn run(args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "dateline {args:?} failed:\n{stderr}");
    stderr
}

/// `dateline build --articles ARTS --out OUT EXTRA…`; returns stderr.
pub fn build(arts: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "build".as_ref(),
        "--articles".as_ref(),
        arts.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run(&args)
}

/// Writes `files` into `dir` (made if missing).
pub fn write_all(dir: &Path, files: &[(&str, &str)]) {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
}

/// The timeline files `out` holds, to compare bytes.
pub fn timeline(out: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        fs::read(out.join("timeline.csv")).unwrap(),
        fs::read(out.join("timeline.json")).unwrap(),
    )
}

/// Every event of `out` as (id, kind, date_start, "doc@start" of each mention).
pub fn events(out: &Path) -> Vec<(String, String, String, Vec<String>)> {
    let t: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("timeline.json")).unwrap()).unwrap();
    t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mentions = e["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| format!("{}@{}", m["doc"].as_str().unwrap(), m["start"]))
                .collect();
            (
                e["id"].as_str().unwrap().to_string(),
                e["event_type"].as_str().unwrap().to_string(),
                e["date_start"].as_str().unwrap_or("").to_string(),
                mentions,
            )
        })
        .collect()
}
