//! Runs the examples written beside every pattern (Duckling-style corpus):
//! each gives a text, a reference date, and the value and interval expected.

use super::{RefDate, Tagger};

/// Reference date used when an example does not give one.
pub const DEFAULT_REF: &str = "2025-04-23";

/// Runs every example of every pattern; returns one message per failure.
pub fn run(tagger: &Tagger) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for p in tagger.patterns() {
        for ex in &p.examples {
            count += 1;
            let fail = |msg: String| format!("pattern `{}`, example {:?}: {msg}", p.id, ex.text);
            let reference = ex.reference.as_deref().unwrap_or(DEFAULT_REF);
            let dct = match reference.parse::<RefDate>() {
                Ok(d) => d,
                Err(_) => {
                    failures.push(fail(format!("bad ref `{reference}`")));
                    continue;
                }
            };
            let whole = 0..ex.text.len();
            let found = tagger.tag(&ex.text, std::slice::from_ref(&whole), Some(&dct));
            if ex.none {
                if let Some(t) = found.first() {
                    failures.push(fail(format!(
                        "expected no expression, got {:?} = {}",
                        t.text, t.value
                    )));
                }
                continue;
            }
            let want = ex.matched.as_deref().unwrap_or(&ex.text);
            let Some(t) = found.iter().find(|t| t.text == want) else {
                let got: Vec<String> = found
                    .iter()
                    .map(|t| format!("{:?}={}", t.text, t.value))
                    .collect();
                failures.push(fail(format!(
                    "no expression {want:?}; got [{}]",
                    got.join(", ")
                )));
                continue;
            };
            if let Some(v) = &ex.value
                && &t.value != v
            {
                failures.push(fail(format!("value {} (want {v})", t.value)));
            }
            if let Some(m) = &ex.modifier {
                let got = t.modifier.map_or("", |x| x.as_str());
                if got != m {
                    failures.push(fail(format!("mod {got:?} (want {m:?})")));
                }
            }
            if let Some(k) = &ex.kind
                && t.kind.as_str() != k
            {
                failures.push(fail(format!("type {} (want {k})", t.kind.as_str())));
            }
            if let Some(iv) = &ex.interval {
                let got = t
                    .interval
                    .map(|i| vec![i.start.to_string(), i.end.to_string()]);
                let want_iv = if iv.is_empty() {
                    None
                } else {
                    Some(iv.clone())
                };
                if got != want_iv {
                    failures.push(fail(format!("interval {got:?} (want {want_iv:?})")));
                }
            }
        }
    }
    (count, failures)
}
