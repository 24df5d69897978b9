//! Expanding `[[trigger]]` vocabulary through the shared frames of
//! `_frames.toml` into ordinary rules.
//!
//! A frame is a construction ("ACTOR closed the border", "the border was
//! closed", "the closure of the border") written once with placeholders; a
//! trigger lists words. Keeping the two apart is what lets a new word carry
//! to every tense and construction, and a new construction to every word.

use super::load::{FramesFile, RawRule};
use std::collections::BTreeMap;
use toml::Spanned;

/// The frames file, as compiled rules need it.
#[derive(Debug, Default)]
pub struct Frames {
    pub templates: BTreeMap<String, String>,
    pub defaults_with_object: Vec<String>,
    pub defaults: Vec<String>,
}

impl From<FramesFile> for Frames {
    fn from(f: FramesFile) -> Frames {
        Frames {
            templates: f
                .frames
                .into_iter()
                .map(|(k, v)| (k, v.into_inner()))
                .collect(),
            defaults_with_object: f.defaults_with_object,
            defaults: f.defaults,
        }
    }
}

/// What each placeholder becomes for one trigger; `None` where the trigger
/// gives nothing to fill it with.
fn fillers(t: &RawRule) -> [(&'static str, Option<String>); 6] {
    let verbs = (!t.verbs.is_empty()).then(|| t.verbs.join("|"));
    let nouns = (!t.nouns.is_empty()).then(|| t.nouns.join("|"));
    let v = |f: &str| verbs.as_ref().map(|vs| format!("{{{f}:{vs}}}"));
    [
        ("{VED}", v("ved")),
        ("{VING}", v("ving")),
        ("{VS}", v("vs")),
        ("{V}", v("v")),
        ("{N}", nouns.map(|n| format!("{{n:{n}}}"))),
        ("{OBJ}", t.object.as_ref().map(|o| format!("(?:{o})"))),
    ]
}

/// One frame filled in for a trigger, or why it cannot be.
fn fill(name: &str, template: &str, t: &RawRule) -> Result<String, String> {
    let mut out = template.to_string();
    for (placeholder, value) in fillers(t) {
        if !out.contains(placeholder) {
            continue;
        }
        let Some(value) = value else {
            let what = match placeholder {
                "{N}" => "nouns",
                "{OBJ}" => "an object",
                _ => "verbs",
            };
            return Err(format!(
                "frame {name:?} needs {what}, which this trigger does not give"
            ));
        };
        out = out.replace(placeholder, &value);
    }
    Ok(out)
}

/// The rule a trigger stands for: its frames filled in before its own
/// patterns; errors are messages to report at the trigger's id.
pub fn expand(mut t: RawRule, frames: &Frames) -> (RawRule, Vec<String>) {
    let mut errors = Vec::new();
    if t.verbs.is_empty() && t.nouns.is_empty() && t.patterns.is_empty() {
        errors.push("trigger without verbs, nouns or patterns".to_string());
    }
    let names: Vec<String> = match &t.frames {
        Some(f) => f.clone(),
        None if t.object.is_some() => frames.defaults_with_object.clone(),
        None => frames.defaults.clone(),
    };
    let at = t.id.span();
    let mut patterns = Vec::new();
    for name in &names {
        match frames.templates.get(name) {
            None => {
                let known: Vec<&str> = frames.templates.keys().map(String::as_str).collect();
                errors.push(format!(
                    "unknown frame {name:?} (frames in _frames.toml: {})",
                    known.join(", ")
                ));
            }
            Some(template) => match fill(name, template, &t) {
                Ok(p) => patterns.push(Spanned::new(at.clone(), p)),
                // Defaults that the trigger cannot fill are simply skipped;
                // a frame asked for by name must fit.
                Err(e) if t.frames.is_some() => errors.push(e),
                Err(_) => {}
            },
        }
    }
    if patterns.is_empty() && t.patterns.is_empty() && errors.is_empty() {
        errors.push("no frame fits this trigger (give verbs or nouns, or name frames)".into());
    }
    patterns.append(&mut t.patterns);
    t.patterns = patterns;
    (t, errors)
}
