//! The places in a sentence where a titled person ("acting Foreign Minister
//! Karim Haidari") may begin: the start of a word that begins like a
//! modifier or an office. The titled regex begins with an ASCII word
//! boundary and a modifier or an office, so its matches begin nowhere else,
//! and anchored searches from these places find what one unanchored search
//! over the sentence finds.

/// The leading ASCII letters and digits of every modifier and office, ASCII
/// lower case, by their first byte.
pub(super) struct Starts {
    by_first: Vec<Vec<Vec<u8>>>,
}

impl Starts {
    /// `None` when a phrase does not begin with an ASCII letter or digit:
    /// its matches could then begin elsewhere.
    pub(super) fn new<'a>(phrases: impl Iterator<Item = &'a String>) -> Option<Starts> {
        let mut by_first = vec![Vec::new(); 256];
        for p in phrases.map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let lead: Vec<u8> = p
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            let first = *lead.first()?;
            let bucket: &mut Vec<Vec<u8>> = &mut by_first[usize::from(first)];
            if !bucket.contains(&lead) {
                bucket.push(lead);
            }
        }
        Some(Starts { by_first })
    }

    /// Calls `f` with each place of `text`, ascending, where a word starts
    /// with a modifier's or an office's leading letters, up to ASCII case.
    /// Callers must rule out the non-ASCII letters that fold to ASCII ones.
    pub(super) fn each(&self, text: &[u8], mut f: impl FnMut(usize)) {
        let mut prev_word = false;
        for (at, &b) in text.iter().enumerate() {
            let word = b.is_ascii_alphanumeric() || b == b'_';
            if word && !prev_word {
                let rest = &text[at..];
                let begins = self.by_first[usize::from(b.to_ascii_lowercase())]
                    .iter()
                    .any(|lead| {
                        rest.len() >= lead.len() && rest[..lead.len()].eq_ignore_ascii_case(lead)
                    });
                if begins {
                    f(at);
                }
            }
            prev_word = word;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(phrases: &[&str], text: &str) -> Vec<usize> {
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
        let s = Starts::new(phrases.iter()).unwrap();
        let mut at = Vec::new();
        s.each(text.as_bytes(), |i| at.push(i));
        at
    }

    #[test]
    fn finds_word_starts_that_begin_like_a_phrase() {
        let phrases = ["prime minister", "chargé d'affaires", "lt gen"];
        assert_eq!(
            starts(&phrases, "The PRIME Minister met Charge and Lt. Gen_x prim"),
            vec![4, 23, 34]
        );
        // Inside a word, after an underscore or a digit: no word start.
        assert_eq!(starts(&phrases, "xprime _prime 9lt é lt"), vec![21]);
    }

    #[test]
    fn a_phrase_without_leading_ascii_gives_no_starts() {
        let phrases = ["éminence".to_string()];
        assert!(Starts::new(phrases.iter()).is_none());
    }
}
