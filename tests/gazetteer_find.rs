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

/// `find_in_doc` over sentences split at ". ", as `(written=name:kind:country)`.
fn doc(text: &str) -> Vec<Vec<String>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(start..i + 1);
        start = i + 2;
    }
    sentences.push(start..text.len());
    gaz()
        .find_in_doc(text, &sentences)
        .iter()
        .zip(&sentences)
        .map(|(es, r)| show(&text[r.clone()], es))
        .collect()
}

#[test]
fn cities_capitals_and_regions_worldwide() {
    let s = "Envoys flew from Nairobi to Bogotá, then Ulaanbaatar and Kharkiv, before talks in Gegharkunik and Mendoza.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec![
            "Nairobi=Nairobi:Place:KE",
            "Bogotá=Bogotá:Place:CO",
            "Ulaanbaatar=Ulaanbaatar:Place:MN",
            "Kharkiv=Kharkiv:Place:UA",
            "Gegharkunik=Gegharkunik:Place:AM",
            "Mendoza=Mendoza:Place:AR",
        ]
    );
}

#[test]
fn spelling_variants_of_cities() {
    let s = "Flights from Kiev, Bombay and Sana'a were cancelled.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec![
            "Kiev=Kyiv:Place:UA",
            "Bombay=Mumbai:Place:IN",
            "Sana'a=Sanaa:Place:YE",
        ]
    );
}

#[test]
fn ordinary_words_are_no_places_even_capitalised() {
    for s in [
        "Police said the convoy was stopped.",
        "Reading the statement aloud, he paused.",
        "Nice words will not end the siege.",
        "Mobile networks were cut for three days.",
        "March rallies drew large crowds.",
        "Split between factions, the council adjourned.",
        "Deal or no deal, the talks resume.",
    ] {
        let places: Vec<Entity> = gaz()
            .find(s)
            .into_iter()
            .filter(|e| e.kind == EntityKind::Place)
            .collect();
        assert!(places.is_empty(), "{s}: {places:?}");
    }
}

#[test]
fn georgia_is_resolved_by_the_articles_countries() {
    let us = doc(
        "The governor of Georgia met officials in Atlanta. Georgia will host the United States delegation.",
    );
    assert!(
        us[0].contains(&"Georgia=Georgia:Place:US".to_string()),
        "{us:?}"
    );
    let ge = doc("Protesters gathered in Tbilisi. Georgia recalled its ambassador.");
    assert!(
        ge[1].contains(&"Georgia=Georgia:Country:GE".to_string()),
        "{ge:?}"
    );
    // Nothing else named: the country is the default.
    let s = "Georgia closed the crossing.";
    assert_eq!(show(s, &gaz().find(s)), vec!["Georgia=Georgia:Country:GE"]);
}

#[test]
fn security_council_is_national_only_where_the_article_says_so() {
    let am =
        doc("Shelling was reported near Kapan. The Security Council met in Yerevan on Monday.");
    assert!(
        am[1].contains(&"Security Council=Security Council of Armenia:Organisation:AM".to_string()),
        "{am:?}"
    );
    let un = doc("Diplomats debated a ceasefire resolution. The Security Council voted on Friday.");
    assert!(
        un[1].contains(&"Security Council=UN Security Council:Organisation:-".to_string()),
        "{un:?}"
    );
}

#[test]
fn a_city_shared_by_two_countries_takes_the_articles_country() {
    // Hand-written data (Pakistan) is the default ...
    let s = "Floods hit Hyderabad overnight.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec!["Hyderabad=Hyderabad:Place:PK"]
    );
    // ... unless the article names only the other country.
    let d = doc("Indian officials toured the flooded areas. Floods hit Hyderabad overnight.");
    assert_eq!(d[1], vec!["Hyderabad=Hyderabad:Place:IN"]);
    // Two Congos share a demonym; Brazzaville decides.
    let d = doc("Congolese troops deployed near Brazzaville. The Congolese army said so.");
    assert!(
        d[1].contains(&"Congolese=Congo:Country:CG".to_string()),
        "{d:?}"
    );
}

#[test]
fn armed_groups_and_regional_bodies_worldwide() {
    let s = "RSF fighters, M23 rebels, the Houthis, al-Shabaab and JNIM were named by ECOWAS, the African Union and IGAD.";
    assert_eq!(
        show(s, &gaz().find(s)),
        vec![
            "RSF=Rapid Support Forces:Organisation:SD",
            "M23 rebels=M23:Organisation:CD",
            "Houthis=Houthis:Organisation:YE",
            "al-Shabaab=al-Shabaab:Organisation:SO",
            "JNIM=Jama'at Nusrat al-Islam wal-Muslimin:Organisation:ML",
            "ECOWAS=ECOWAS:Organisation:-",
            "African Union=African Union:Organisation:-",
            "IGAD=Intergovernmental Authority on Development:Organisation:-",
        ]
    );
}

#[test]
fn people_found_by_title_take_the_titles_country() {
    let s = "Armenian Prime Minister Nikol Pashinyan met Kenya's foreign minister Musalia Mudavadi and Uruguayan Foreign Minister Mario Lubetkin.";
    let people: Vec<String> = show(s, &gaz().find(s))
        .into_iter()
        .filter(|e| e.contains(":Person:"))
        .collect();
    assert_eq!(
        people,
        vec![
            "Nikol Pashinyan=Nikol Pashinyan:Person:AM",
            "Musalia Mudavadi=Musalia Mudavadi:Person:KE",
            "Mario Lubetkin=Mario Lubetkin:Person:UY",
        ]
    );
}

#[test]
fn an_office_qualified_by_a_country_resolves_to_that_countrys_holder() {
    let d = doc(
        "Kenyan Foreign Minister Musalia Mudavadi met Ethiopian Foreign Minister Gedion Timothewos. \
                 Kenya's foreign minister said trade would grow. The Azerbaijani defence minister was absent.",
    );
    assert!(
        d[1].contains(&"foreign minister=Musalia Mudavadi:Person:KE".to_string()),
        "{d:?}"
    );
    // No Azerbaijani defence minister was introduced: nobody is guessed.
    assert!(d[2].iter().all(|e| !e.contains(":Person:")), "{d:?}");
}

#[test]
fn a_title_before_a_city_name_still_makes_a_person() {
    let s = "Governor Mendoza said the roads were open.";
    assert_eq!(show(s, &gaz().find(s)), vec!["Mendoza=Mendoza:Person:-"]);
}

#[test]
fn world_data_is_loaded_and_sizeable() {
    let places = gaz()
        .sizes()
        .into_iter()
        .filter(|(k, generated, _)| *k == EntityKind::Place && *generated)
        .map(|(_, _, n)| n)
        .sum::<usize>();
    assert!(places > 30_000, "{places} generated places");
}

#[test]
fn bad_world_rows_are_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("world.tsv"),
        "# comment\ncity\tKE\tNairobi\t\t4397073\ncity\tQQ\tNowhere\t\t1\ntown\tKE\tKisumu\t\t1\n",
    )
    .unwrap();
    let err = Gazetteer::load(dir.path()).err().expect("QQ is no country");
    let lines: Vec<usize> = err.0.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4]);
}

#[test]
fn a_ministry_without_its_country_is_the_articles_countrys() {
    let ke =
        doc("Floods displaced thousands in Kenya. The Ministry of Interior said roads were shut.");
    assert!(
        ke[1].contains(
            &"Ministry of Interior=Kenya Ministry of Interior:Organisation:KE".to_string()
        ),
        "{ke:?}"
    );
    // An article about Pakistan keeps the listed Pakistani ministry.
    let pk = doc("Pakistan closed the crossing. The Ministry of Interior said it would reopen.");
    assert!(
        pk[1].contains(
            &"Ministry of Interior=Pakistan Ministry of Interior:Organisation:PK".to_string()
        ),
        "{pk:?}"
    );
}
