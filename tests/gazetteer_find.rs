//! Gazetteer lookup and in-document person coreference.

use dateline::gazetteer::{Entity, EntityKind, Gazetteer};
use std::path::Path;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        Gazetteer::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/gazetteer"
        )))
        .unwrap()
    })
}

fn show(s: &str, es: &[Entity]) -> Vec<String> {
    es.iter()
        .map(|e| {
            format!(
                "{}={}:{:?}:{}",
                &s[e.span.clone()],
                e.name,
                e.kind,
                e.country.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn countries_demonyms_capitals_places_orgs_people() {
    let s = "Pakistani officials in Islamabad said the TTP attacked a post in North Waziristan, Ishaq Dar told Iran.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec![
            "Pakistani=Pakistan:Country:PK",
            "Islamabad=Islamabad:Place:PK",
            "TTP=Tehrik-e-Taliban Pakistan:Organisation:PK",
            "North Waziristan=North Waziristan:Place:PK",
            "Ishaq Dar=Ishaq Dar:Person:PK",
            "Iran=Iran:Country:IR",
        ]
    );
}

#[test]
fn iso_names_come_from_isocountry() {
    let s = "Delegates from Uzbekistan, Kazakhstan and Norway attended.";
    let names: Vec<String> = gaz()
        .find(s)
        .into_iter()
        .map(|e| e.country.unwrap_or_default())
        .collect();
    assert_eq!(names, vec!["UZ", "KZ", "NO"]);
}

#[test]
fn acronyms_need_exact_case_and_names_a_capital() {
    let s = "The un-named officials and the un agency met in kabul.";
    assert!(gaz().find(s).is_empty(), "{:?}", gaz().find(s));
}

#[test]
fn curly_apostrophes_hyphen_variants_and_line_breaks() {
    let s = "Afghanistan’s Tehreek‑e‑Taliban Pakistan fighters crossed from Spin\nBoldak.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec![
            "Afghanistan’s=Afghanistan:Country:AF",
            "Tehreek‑e‑Taliban Pakistan=Tehrik-e-Taliban Pakistan:Organisation:PK",
            "Spin\nBoldak=Spin Boldak:Place:AF",
        ]
    );
}

#[test]
fn unknown_people_are_found_by_title() {
    let s = "Afghan Deputy Minister of Economy Abdul Latif Nazari met Ambassador (retired) Farooq Rana.";
    let people: Vec<String> = gaz()
        .find(s)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| format!("{}:{}", e.name, e.country.unwrap_or_default()))
        .collect();
    assert_eq!(people, vec!["Abdul Latif Nazari:AF", "Farooq Rana:"]);
}

#[test]
fn title_followed_by_a_non_name_is_no_person() {
    let s = "The Prime Minister Office said on Monday that the Foreign Minister Pakistan meeting was over.";
    assert!(
        gaz().find(s).iter().all(|e| e.kind != EntityKind::Person),
        "{:?}",
        gaz().find(s)
    );
}

#[test]
fn find_in_doc_resolves_surnames_and_offices() {
    let text = "Foreign Minister Ishaq Dar arrived in Kabul. Dar met Special Envoy Zulfiqar Haider there. \
                The foreign minister later called on Haider's team. The special envoy said talks went well.";
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(start..i + 1);
        start = i + 2;
    }
    sentences.push(start..text.len());
    let found = gaz().find_in_doc(text, &sentences);
    let people: Vec<Vec<String>> = found
        .iter()
        .zip(&sentences)
        .map(|(es, r)| {
            es.iter()
                .filter(|e| e.kind == EntityKind::Person)
                .map(|e| format!("{}={}", &text[r.clone()][e.span.clone()], e.name))
                .collect()
        })
        .collect();
    assert_eq!(
        people,
        vec![
            vec!["Ishaq Dar=Ishaq Dar"],
            vec!["Dar=Ishaq Dar", "Zulfiqar Haider=Zulfiqar Haider"],
            vec!["The foreign minister=Ishaq Dar", "Haider=Zulfiqar Haider"],
            vec!["The special envoy=Zulfiqar Haider"],
        ]
    );
}

#[test]
fn bad_country_code_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("places.toml"),
        "[PK]\ncities = [\"Peshawar\"]\n\n[XX]\ncities = [\"Nowhere\"]\n",
    )
    .unwrap();
    let err = Gazetteer::load(dir.path()).err().expect("XX is no country");
    assert_eq!(err.0.len(), 1);
    assert_eq!((err.0[0].line, err.0[0].column), (4, 2));
}

#[test]
fn a_headline_surname_resolves_to_the_person_named_later() {
    let text = "Haider to visit Tehran\nIslamabad: Special Envoy Zulfiqar Haider will visit Tehran. General Haider said so.";
    let second = text.find("Islamabad").unwrap();
    let third = text.find("General").unwrap();
    let sentences = [0..second - 1, second..third - 1, third..text.len()];
    let found = gaz().find_in_doc(text, &sentences);
    let first: Vec<&str> = found[0]
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(first, vec!["Zulfiqar Haider"]);
    let last: Vec<&str> = found[2]
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(last, vec!["Zulfiqar Haider"]);
}

#[test]
fn display_names_replace_iso_names() {
    let s = "Russia and the Russian Federation, Korea (Republic of) and the United States.";
    let names: Vec<String> = gaz().find(s).into_iter().map(|e| e.name).collect();
    assert_eq!(
        names,
        vec!["Russia", "Russia", "South Korea", "United States"]
    );
}

#[test]
fn title_case_headline_verbs_are_not_names() {
    let s = "Pakistan's Interior Minister Arrives In Kabul, Special Envoy Meets Counterpart";
    let people: Vec<String> = gaz()
        .find(s)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name)
        .collect();
    assert!(people.is_empty(), "{people:?}");
}

#[test]
fn listed_roles_resolve_offices_of_people_the_article_named() {
    let text =
        "Ishaq Dar arrived in Kabul on Saturday. The deputy prime minister later met Muttaqi.";
    let split = text.find("The deputy").unwrap();
    let found = gaz().find_in_doc(text, &[0..split - 1, split..text.len()]);
    let people: Vec<(String, String)> = found[1]
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| (text[split..][e.span.clone()].to_string(), e.name.clone()))
        .collect();
    assert_eq!(
        people,
        vec![
            (
                "The deputy prime minister".to_string(),
                "Ishaq Dar".to_string()
            ),
            ("Muttaqi".to_string(), "Amir Khan Muttaqi".to_string()),
        ]
    );
}

#[test]
fn country_of_a_captured_location() {
    assert_eq!(gaz().country_of("Paktika").as_deref(), Some("AF"));
    assert_eq!(
        gaz().country_of("the Afghan capital").as_deref(),
        Some("AF")
    );
    assert_eq!(gaz().country_of("North Waziristan").as_deref(), Some("PK"));
    assert_eq!(gaz().country_of("the border"), None);
}
