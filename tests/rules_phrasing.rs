//! Phrasing regression: sentences written for this suite (not taken from
//! any evaluation set), each with the event kind the shipped rules must find
//! in it, or "" for sentences that must fire nothing.

use dateline::event_rules::EventRules;
use std::path::Path;

const CASES: &[(&str, &str)] = &[
    (
        "visit",
        "Pakistan's army chief General Asim Munir is on an official visit to Beijing.",
    ),
    (
        "visit",
        "The Afghan interim foreign minister flew into Islamabad on Sunday for a three-day trip.",
    ),
    (
        "visit",
        "Chinese Foreign Minister Wang Yi will travel to Kabul next week for a trilateral meeting.",
    ),
    (
        "visit",
        "A high-powered Pakistani delegation led by the interior minister reached Kabul on Tuesday.",
    ),
    (
        "visit",
        "Muttaqi is scheduled to visit Islamabad later this month.",
    ),
    (
        "visit",
        "The envoy concluded his two-day visit to Kabul on Wednesday.",
    ),
    (
        "visit",
        "Dar becomes the first Pakistani foreign minister to visit Kabul since 2021.",
    ),
    (
        "visit",
        "Upon his arrival at Kabul airport, the minister was received by Afghan officials.",
    ),
    (
        "meeting",
        "Dar and Muttaqi discussed border security and trade during their meeting in Kabul.",
    ),
    (
        "meeting",
        "The prime minister met the Chinese foreign minister in Islamabad on Monday.",
    ),
    (
        "meeting",
        "Delegations from both countries held a meeting in Kabul on Sunday to discuss trade.",
    ),
    (
        "meeting",
        "Pakistan and Afghanistan held talks in Istanbul on Saturday.",
    ),
    (
        "meeting",
        "The Afghan ambassador called on the interior minister at his office.",
    ),
    (
        "meeting",
        "Pakistani and Afghan officials sat down for talks in Doha.",
    ),
    (
        "meeting",
        "The special representative also held meetings with senior Taliban leaders.",
    ),
    (
        "meeting",
        "Taliban and Pakistani officials met in Doha on Saturday.",
    ),
    (
        "committee_meeting",
        "The Joint Coordination Committee held its meeting in Islamabad on Monday.",
    ),
    ("committee_meeting", "The JCC met after a gap of 15 months."),
    (
        "committee_meeting",
        "The joint working group on refugees convened in Kabul.",
    ),
    (
        "conference",
        "Foreign ministers of six neighbouring countries met in Tehran for a regional conference on Afghanistan.",
    ),
    ("conference", "The SCO summit opened in Tianjin on Sunday."),
    (
        "conference",
        "Islamabad will host the OIC Council of Foreign Ministers session next month.",
    ),
    (
        "conference",
        "The Moscow Format consultations on Afghanistan were held in Kazan.",
    ),
    (
        "agreement",
        "Pakistan and Afghanistan signed a memorandum of understanding on trade.",
    ),
    (
        "agreement",
        "The two sides inked an agreement on the railway feasibility study.",
    ),
    (
        "agreement",
        "Islamabad and Kabul reached an understanding to reopen the border.",
    ),
    (
        "agreement",
        "An agreement on transit trade was signed by the two commerce ministers.",
    ),
    (
        "agreement",
        "Officials initialled a preferential trade agreement in Kabul.",
    ),
    (
        "agreement",
        "The countries struck a deal to boost bilateral trade to $5 billion.",
    ),
    (
        "airstrike",
        "Pakistani jets bombed suspected TTP hideouts in Afghanistan's Khost province overnight.",
    ),
    (
        "airstrike",
        "Pakistan carried out airstrikes in Afghanistan's Paktika province on Tuesday night.",
    ),
    (
        "airstrike",
        "Drones struck a compound in Kabul, killing a militant commander.",
    ),
    (
        "airstrike",
        "The air force pounded militant hideouts in Kunar province.",
    ),
    (
        "airstrike",
        "At least 46 people were killed in Pakistani aerial bombardment in Paktika, the Taliban said.",
    ),
    (
        "attack",
        "Militants attacked a security checkpoint in North Waziristan, killing five soldiers.",
    ),
    (
        "attack",
        "A suicide bomber rammed an explosives-laden vehicle into a military convoy in Bannu.",
    ),
    (
        "attack",
        "Ten soldiers were killed when militants ambushed a convoy near the border.",
    ),
    (
        "attack",
        "Gunmen stormed a police station in Dera Ismail Khan early on Monday.",
    ),
    (
        "attack",
        "Terrorists attacked a Frontier Corps post in Zhob district.",
    ),
    (
        "attack",
        "Six policemen were martyred in an attack in Lakki Marwat.",
    ),
    (
        "clash",
        "Afghan and Pakistani forces exchanged heavy fire along the Durand Line overnight.",
    ),
    (
        "clash",
        "Fierce clashes broke out between Pakistani and Afghan troops near Chaman.",
    ),
    (
        "clash",
        "Border guards of the two countries clashed at the Torkham crossing.",
    ),
    (
        "clash",
        "Afghan Taliban forces opened fire on Pakistani troops at the border, prompting retaliation.",
    ),
    (
        "clash",
        "Fighting erupted between Taliban fighters and Pakistani forces along the border on Saturday night.",
    ),
    (
        "border_closure",
        "Pakistan closed the Torkham crossing after the clashes.",
    ),
    (
        "border_closure",
        "The Chaman border was shut for trade and pedestrian movement.",
    ),
    (
        "border_closure",
        "Authorities suspended all traffic at the Ghulam Khan crossing.",
    ),
    ("border_closure", "Torkham border reopened after 25 days."),
    (
        "border_closure",
        "The border crossings remained closed for a second week.",
    ),
    (
        "trade_measure",
        "Pakistan imposed a 10 percent regulatory duty on goods transiting to Afghanistan.",
    ),
    (
        "trade_measure",
        "Afghanistan banned imports of Pakistani medicines.",
    ),
    (
        "trade_measure",
        "Islamabad restricted the transit of several items to Afghanistan.",
    ),
    (
        "deportation",
        "Pakistan has deported more than 800,000 Afghans since 2023.",
    ),
    (
        "deportation",
        "Authorities began deporting undocumented Afghan migrants on Wednesday.",
    ),
    (
        "deportation",
        "Iran expelled thousands of Afghans last month.",
    ),
    (
        "deportation",
        "The government extended the deadline for Afghan refugees to leave until April 30.",
    ),
    (
        "deportation",
        "The second phase of the repatriation plan will target Afghan Citizen Card holders.",
    ),
    (
        "ceasefire",
        "Pakistan and Afghanistan agreed to a 48-hour ceasefire on Wednesday.",
    ),
    (
        "ceasefire",
        "The truce was extended until the talks concluded.",
    ),
    (
        "ceasefire",
        "The TTP ended its ceasefire with the government in November.",
    ),
    ("ceasefire", "Both sides agreed to extend the ceasefire."),
    (
        "ceasefire",
        "A ceasefire brokered by Qatar and Turkey took effect on Sunday.",
    ),
    (
        "statement",
        "The Foreign Office said in a statement that Pakistan respects Afghanistan's sovereignty.",
    ),
    (
        "statement",
        "Pakistan condemned the attack in the strongest terms.",
    ),
    (
        "statement",
        "The Taliban government rejected the allegations as baseless.",
    ),
    ("statement", "The ministry issued a statement on Sunday."),
    (
        "statement",
        "Zabihullah Mujahid wrote on X that the strikes violated Afghan airspace.",
    ),
    (
        "statement",
        "The UN Security Council expressed concern over the rising violence.",
    ),
    (
        "policy",
        "Pakistan appointed Mohammad Sadiq as special representative for Afghanistan.",
    ),
    (
        "policy",
        "The federal cabinet approved a new visa policy for Afghan nationals.",
    ),
    (
        "policy",
        "The government announced that Afghan Citizen Card holders must leave by March 31.",
    ),
    ("policy", "The Taliban banned girls from secondary schools."),
    (
        "takeover",
        "The Taliban seized power in Afghanistan in August 2021.",
    ),
    (
        "takeover",
        "Since the Taliban came to power in 2021, relations have been strained.",
    ),
    (
        "takeover",
        "The Taliban took control of Kabul on 15 August 2021.",
    ),
    ("", "The weather was pleasant in Islamabad."),
    ("", "Analysts say attacks could rise if the talks fail."),
    (
        "",
        "Pakistan has not closed the border despite the tensions.",
    ),
    (
        "",
        "The minister did not meet Taliban officials during the trip.",
    ),
    (
        "visit",
        "Iranian President Masoud Pezeshkian embarked on a two-day state visit to Pakistan on Saturday.",
    ),
    (
        "visit",
        "The Taliban's commerce minister is in Islamabad on a four-day visit.",
    ),
    (
        "visit",
        "Qatar's minister of state travelled to Kabul to mediate between the two sides.",
    ),
    (
        "visit",
        "Pakistan's foreign secretary made a surprise trip to Kabul.",
    ),
    (
        "visit",
        "A Taliban delegation is currently visiting Islamabad.",
    ),
    (
        "visit",
        "The prime minister will leave for Doha tomorrow on a two-day official visit.",
    ),
    (
        "meeting",
        "The interior minister held a meeting with the Afghan ambassador in Islamabad.",
    ),
    (
        "meeting",
        "Dar had a telephone conversation with Muttaqi on Monday.",
    ),
    (
        "meeting",
        "The two foreign ministers held a bilateral meeting on the sidelines of the SCO summit.",
    ),
    (
        "meeting",
        "Negotiations between the two countries resumed in Istanbul on Thursday.",
    ),
    (
        "meeting",
        "The Pakistani and Afghan delegations met for the second round of talks.",
    ),
    (
        "agreement",
        "Kabul and Islamabad signed six agreements worth $1 billion.",
    ),
    (
        "agreement",
        "The two sides agreed to set up a hotline between border commanders.",
    ),
    (
        "agreement",
        "A deal on electricity imports was finalised on Monday.",
    ),
    (
        "agreement",
        "Pakistan and Afghanistan concluded a bilateral preferential trade agreement.",
    ),
    (
        "airstrike",
        "Pakistan's military carried out precision strikes against militant camps across the border.",
    ),
    (
        "airstrike",
        "Pakistani aircraft bombed several locations in Afghanistan's Kunar and Khost provinces.",
    ),
    (
        "airstrike",
        "A drone attack targeted a house in Paktika's Barmal district.",
    ),
    (
        "attack",
        "A suicide attack on a mosque in Peshawar killed more than 100 people.",
    ),
    (
        "attack",
        "Militants from Afghanistan attempted to infiltrate into Pakistan and attacked border posts.",
    ),
    (
        "attack",
        "Three Frontier Corps soldiers were killed in an IED blast in Bajaur.",
    ),
    (
        "attack",
        "Taliban fighters attacked Pakistani border posts in retaliation.",
    ),
    (
        "clash",
        "Pakistani and Afghan border forces engaged in heavy exchange of fire at Chaman.",
    ),
    (
        "clash",
        "The clashes left dozens of soldiers dead on both sides.",
    ),
    (
        "clash",
        "Pakistani troops responded to unprovoked firing from across the border.",
    ),
    (
        "border_closure",
        "Pakistan suspended trade with Afghanistan through all crossings.",
    ),
    (
        "border_closure",
        "The Torkham crossing has been closed since October 12.",
    ),
    (
        "border_closure",
        "Afghan authorities reopened the crossing for pedestrians.",
    ),
    (
        "trade_measure",
        "Pakistan slapped regulatory duties on Afghan imports.",
    ),
    (
        "trade_measure",
        "Afghanistan halted imports of Pakistani goods.",
    ),
    (
        "deportation",
        "More than 1,000 Afghans were deported through the Torkham border on Monday.",
    ),
    (
        "deportation",
        "Pakistan began the third phase of its campaign to expel undocumented Afghans.",
    ),
    (
        "deportation",
        "Refugees were forced to return to Afghanistan.",
    ),
    (
        "ceasefire",
        "The two sides declared a ceasefire after Qatari mediation.",
    ),
    (
        "ceasefire",
        "Pakistan and Afghanistan agreed to maintain the ceasefire.",
    ),
    ("ceasefire", "The ceasefire collapsed within hours."),
    (
        "statement",
        "The Foreign Office spokesperson told a weekly briefing that Pakistan wants peaceful relations.",
    ),
    (
        "statement",
        "Pakistan lodged a strong protest with the Afghan charge d'affaires.",
    ),
    ("statement", "The Taliban warned Pakistan of consequences."),
    ("statement", "The US State Department called for restraint."),
    (
        "policy",
        "The Taliban appointed a new ambassador to Pakistan.",
    ),
    (
        "policy",
        "Pakistan's cabinet decided to close Afghan refugee camps.",
    ),
    (
        "policy",
        "The government introduced a new policy on visas for Afghan nationals.",
    ),
    ("takeover", "The Taliban seized Kabul on August 15, 2021."),
    (
        "takeover",
        "After the Taliban's return to power, Pakistan hoped for better border security.",
    ),
    ("", "The visit was postponed due to bad weather."),
    (
        "",
        "Pakistan may close the border again if attacks continue.",
    ),
    ("", "The ministers have not signed any agreement yet."),
    ("", "Prices rose after the strike by transporters."),
    (
        "",
        "Experts stressed the need for dialogue between the two countries.",
    ),
    (
        "",
        "He said Pakistan wants good relations with all its neighbours.",
    ),
    ("", "The talks failed to produce a breakthrough."),
    ("", "A visa is required to enter Pakistan."),
    ("", "The group has long used Iranian soil for raids."),
    (
        "visit",
        "KABUL: Pakistan's Interior Minister Mohsin Naqvi arrived here on Tuesday on a day-long visit.",
    ),
    (
        "visit",
        "Chinese FM Wang Yi landed in Kabul on Wednesday evening.",
    ),
    (
        "visit",
        "The visiting Afghan delegation was received at the Torkham border by Pakistani officials.",
    ),
    (
        "visit",
        "Naqvi's trip to Tehran is his second abroad as interior minister this year.",
    ),
    (
        "visit",
        "Muttaqi will undertake a three-day visit to Pakistan starting Monday.",
    ),
    (
        "meeting",
        "Foreign Minister Ishaq Dar received a telephone call from his Afghan counterpart Amir Khan Muttaqi.",
    ),
    (
        "meeting",
        "The army chief held a one-on-one meeting with the Chinese foreign minister.",
    ),
    (
        "meeting",
        "Dar and Muttaqi met on the sidelines of the trilateral meeting.",
    ),
    (
        "meeting",
        "A Taliban delegation led by Mullah Yaqoob held negotiations with Pakistani officials in Doha.",
    ),
    (
        "meeting",
        "Both sides also discussed the return of Afghan refugees.",
    ),
    (
        "committee_meeting",
        "The 7th round of the Joint Working Group on counter-terrorism took place in Islamabad.",
    ),
    (
        "committee_meeting",
        "The trilateral steering committee held its third session in Kabul.",
    ),
    (
        "conference",
        "Representatives of 25 countries attended the Moscow Format consultations on Afghanistan.",
    ),
    (
        "conference",
        "The Doha conference on Afghanistan concluded on Monday.",
    ),
    (
        "conference",
        "The UN-convened meeting on Afghanistan opened in Doha on Sunday.",
    ),
    (
        "agreement",
        "The two countries signed a deal to construct the railway line.",
    ),
    (
        "agreement",
        "Afghanistan and Uzbekistan inked agreements worth $1.15 billion.",
    ),
    (
        "agreement",
        "Pakistan and Afghanistan have agreed to a mechanism for resolving disputes.",
    ),
    (
        "agreement",
        "An accord on transit trade was reached after three days of talks.",
    ),
    (
        "airstrike",
        "Pakistani warplanes struck targets in Khost and Paktika provinces overnight.",
    ),
    (
        "airstrike",
        "Pakistan conducted airstrikes on suspected militant hideouts in Afghanistan.",
    ),
    (
        "airstrike",
        "The Taliban said Pakistani drones had carried out strikes in Kabul.",
    ),
    (
        "attack",
        "At least 12 soldiers were martyred and six others injured when terrorists attacked a security forces' convoy.",
    ),
    (
        "attack",
        "A suicide bomber blew himself up near a police vehicle in Quetta.",
    ),
    (
        "attack",
        "Militants killed four policemen in an attack on a checkpoint in Tank district.",
    ),
    (
        "attack",
        "Terrorists opened fire on a vehicle carrying security officials in Kurram.",
    ),
    (
        "clash",
        "Pakistani and Afghan troops traded artillery fire along the frontier.",
    ),
    (
        "clash",
        "Heavy firing between the two sides continued for several hours near Angoor Adda.",
    ),
    (
        "clash",
        "Pakistani forces and Afghan Taliban fighters clashed at several points along the border.",
    ),
    (
        "border_closure",
        "Torkham was closed to all traffic after the firing.",
    ),
    (
        "border_closure",
        "Pakistan sealed its border with Afghanistan following the clashes.",
    ),
    (
        "border_closure",
        "The closure of Torkham left hundreds of trucks stranded.",
    ),
    (
        "border_closure",
        "The Chaman crossing has remained shut since Friday.",
    ),
    (
        "trade_measure",
        "Islamabad imposed restrictions on the transit of goods to Afghanistan.",
    ),
    (
        "trade_measure",
        "Pakistan banned the export of sugar to Afghanistan.",
    ),
    (
        "deportation",
        "Authorities deported 300 Afghan nationals via the Chaman border.",
    ),
    (
        "deportation",
        "Over 500,000 Afghans have been repatriated since the campaign began.",
    ),
    (
        "deportation",
        "The government decided to extend the stay of PoR card holders until June 30.",
    ),
    (
        "ceasefire",
        "The Pakistani Taliban announced a month-long ceasefire during talks with the government.",
    ),
    (
        "ceasefire",
        "The TTP called off its ceasefire with the government.",
    ),
    ("ceasefire", "Both sides agreed on an immediate ceasefire."),
    (
        "statement",
        "In a statement, the Foreign Office termed the attack a violation of sovereignty.",
    ),
    (
        "statement",
        "The Afghan Taliban strongly condemned the airstrikes.",
    ),
    (
        "statement",
        "Pakistan's Foreign Office spokesperson said at the weekly press briefing that talks would continue.",
    ),
    (
        "statement",
        "Zabihullah Mujahid said in a post on X that Pakistani airstrikes killed civilians.",
    ),
    (
        "policy",
        "Pakistan's federal cabinet approved the repatriation of Afghan Citizen Card holders.",
    ),
    (
        "policy",
        "The government announced a new policy for Afghan refugees.",
    ),
    (
        "policy",
        "Kabul named Sardar Ahmad Shakib as its ambassador to Islamabad.",
    ),
    (
        "takeover",
        "Since the Taliban's return to power in August 2021, the TTP has intensified its attacks.",
    ),
    ("takeover", "The Taliban swept to power in August 2021."),
    (
        "clash",
        "Pakistan's military said Sunday it killed 200 Taliban fighters in overnight clashes along the border.",
    ),
    (
        "border_closure",
        "Trade through Torkham resumed on Friday after a 26-day suspension.",
    ),
    (
        "statement",
        "Pakistan's ambassador in Kabul was summoned by the Afghan foreign ministry.",
    ),
    (
        "statement",
        "The National Assembly passed a resolution condemning the attack.",
    ),
    (
        "meeting",
        "Kabul hosted a trilateral meeting of the foreign ministers of China, Pakistan and Afghanistan.",
    ),
    (
        "deportation",
        "Police in Islamabad arrested hundreds of Afghan nationals in a crackdown.",
    ),
    (
        "attack",
        "Pakistani troops repulsed an attack by militants trying to cross the border.",
    ),
    (
        "attack",
        "Security forces foiled an infiltration attempt from Afghanistan in North Waziristan.",
    ),
    (
        "airstrike",
        "A drone strike killed a TTP commander in Kunar.",
    ),
    (
        "trade_measure",
        "The Taliban government suspended all trade with Pakistan.",
    ),
    (
        "policy",
        "Pakistan halted the issuance of visas to Afghan nationals.",
    ),
    (
        "meeting",
        "Officials from both countries will meet in Istanbul on November 6 for the next round of talks.",
    ),
    (
        "visit",
        "Pakistan's army chief travelled to Kabul on Friday.",
    ),
    (
        "visit",
        "An Afghan delegation headed by the commerce minister is currently in Islamabad.",
    ),
    (
        "agreement",
        "The two sides agreed to form a joint monitoring mechanism.",
    ),
    (
        "ceasefire",
        "Pakistan and Afghanistan extended the temporary ceasefire by 48 hours.",
    ),
    ("ceasefire", "The ceasefire was violated within hours."),
    (
        "statement",
        "Afghanistan's defence ministry said on X that it had retaliated.",
    ),
    (
        "takeover",
        "The Taliban regime came to power after the US withdrawal.",
    ),
    (
        "airstrike",
        "Afghan officials said Pakistani aircraft bombed a house in Paktika's Barmal district, killing 9 children.",
    ),
    ("attack", "The TTP claimed responsibility for the attack."),
    (
        "attack",
        "Nine people were killed in a bombing at a market in Bajaur.",
    ),
    ("", "Pakistan has repeatedly urged the Taliban to act."),
    ("", "The refugees have lived in Pakistan for decades."),
    (
        "",
        "The closure of schools was announced due to the heatwave.",
    ),
    (
        "agreement",
        "Pakistan, Afghanistan sign deal on railway study",
    ),
    (
        "visit",
        "Lavrov arrives in Ankara for talks with Turkish leaders",
    ),
    (
        "ceasefire",
        "Pakistan, Afghanistan agree to ceasefire after deadly clashes",
    ),
    (
        "airstrike",
        "Pakistan strikes militant hideouts in Afghanistan, killing 8",
    ),
    (
        "border_closure",
        "Torkham border closed after exchange of fire",
    ),
    (
        "deportation",
        "Pakistan begins deporting Afghans after deadline expires",
    ),
    (
        "meeting",
        "Naqvi, Muttaqi discuss border security in Kabul meeting",
    ),
    (
        "airstrike",
        "Strikes were carried out by Pakistani jets in the Barmal district, the officials said.",
    ),
    (
        "airstrike",
        "Several houses were hit in the aerial bombardment, residents said.",
    ),
    (
        "attack",
        "Four soldiers embraced martyrdom in the exchange of fire with terrorists.",
    ),
    (
        "attack",
        "A convoy of security forces came under attack in Bannu.",
    ),
    (
        "attack",
        "The checkpost was attacked by dozens of militants late on Friday.",
    ),
    (
        "clash",
        "Border guards from both sides engaged each other with heavy weapons.",
    ),
    (
        "border_closure",
        "Pakistani authorities closed the Kharlachi crossing in Kurram.",
    ),
    (
        "border_closure",
        "Movement at the Ghulam Khan border point remained suspended for the third day.",
    ),
    (
        "agreement",
        "Memoranda of understanding were exchanged in the presence of the two prime ministers.",
    ),
    (
        "agreement",
        "The accord, signed in Doha, commits both sides to stop cross-border attacks.",
    ),
    (
        "meeting",
        "Iran's special envoy Reza Nazari met Iraqi Foreign Minister Fuad Karimi in Baghdad.",
    ),
    (
        "meeting",
        "The visiting minister called on Afghan Prime Minister Hassan Akhund.",
    ),
    (
        "visit",
        "The foreign minister was warmly received upon his arrival at the Kabul airport.",
    ),
    (
        "ceasefire",
        "The truce brokered by Qatar and Turkiye held for a second day.",
    ),
    (
        "statement",
        "Pakistan strongly rejected the remarks made by the Afghan defence minister.",
    ),
    (
        "statement",
        "The foreign ministry expressed deep concern over the killing of civilians.",
    ),
    (
        "deportation",
        "Afghan refugees holding PoR cards have been given until June 30 to leave.",
    ),
    (
        "deportation",
        "Nearly 20,000 Afghans returned home from Pakistan this week, the IOM said.",
    ),
    (
        "trade_measure",
        "Pakistan imposed a ban on the import of Afghan coal.",
    ),
    (
        "takeover",
        "The collapse of the Afghan republic in 2021 brought the Taliban back to power.",
    ),
    (
        "conference",
        "The Tehran meeting of neighbouring countries' foreign ministers ended with a joint declaration.",
    ),
    (
        "meeting",
        "Taliban and Pakistani delegations resumed talks in Istanbul on Thursday.",
    ),
    (
        "committee_meeting",
        "The Iran-Turkmenistan Joint Economic Commission convened its ninth session.",
    ),
    (
        "",
        "Pakistan and Afghanistan share a 2,600-kilometre border.",
    ),
    ("", "The border has been a source of tension for decades."),
    (
        "",
        "Millions of Afghans fled to Pakistan during the Soviet invasion.",
    ),
    ("", "Trade between the two countries has declined sharply."),
    ("", "The Taliban deny harbouring militants."),
    (
        "",
        "The foreign minister's visit to Kabul has been postponed.",
    ),
    ("", "The signing of the agreement was delayed by a week."),
    (
        "",
        "A resident said on the phone that the market was closed.",
    ),
    (
        "trade_measure",
        "Pakistan raised the regulatory duty on Afghan fruit imports to 30 percent.",
    ),
    (
        "trade_measure",
        "Afghan traders complained after Pakistan imposed new taxes on transit goods.",
    ),
    (
        "trade_measure",
        "The government put an embargo on the export of flour to Afghanistan.",
    ),
    (
        "trade_measure",
        "Islamabad lifted the ban on the import of Afghan coal.",
    ),
    (
        "trade_measure",
        "Kabul stopped the import of Pakistani medicines, citing quality concerns.",
    ),
    (
        "committee_meeting",
        "The Pakistan-Afghanistan Joint Economic Commission met in Islamabad after four years.",
    ),
    (
        "committee_meeting",
        "Members of the joint border committee met at Torkham to resolve the dispute.",
    ),
    (
        "committee_meeting",
        "A flag meeting between border commanders was held at the Chaman crossing.",
    ),
    (
        "committee_meeting",
        "The trilateral working group on security held its first session.",
    ),
    (
        "ceasefire",
        "The Taliban brokered a truce between Islamabad and the TTP in 2022.",
    ),
    (
        "ceasefire",
        "The ceasefire between Pakistan and Afghanistan remained in place on Monday.",
    ),
    (
        "ceasefire",
        "Both countries agreed to respect the ceasefire.",
    ),
    (
        "ceasefire",
        "The TTP announced an end to the ceasefire and ordered its fighters to resume attacks.",
    ),
    (
        "ceasefire",
        "A temporary cessation of hostilities was agreed on Wednesday evening.",
    ),
    (
        "takeover",
        "The Taliban took over Afghanistan in August 2021.",
    ),
    (
        "takeover",
        "Since the Afghan Taliban's takeover, cross-border attacks have surged.",
    ),
    (
        "takeover",
        "The Taliban ousted the Western-backed government in 2021.",
    ),
    (
        "statement",
        "The Inter-Services Public Relations said in a press release that four terrorists were killed.",
    ),
    (
        "statement",
        "The ministry said in a press release issued on Sunday that the visit was productive.",
    ),
    (
        "statement",
        "In his address to the nation, the prime minister said Pakistan would not tolerate terrorism.",
    ),
    (
        "statement",
        "The Taliban spokesman denied the allegations in a video message.",
    ),
    (
        "statement",
        "Islamabad demanded that Kabul hand over the militants.",
    ),
    (
        "statement",
        "The Foreign Office reiterated Pakistan's commitment to peace in Afghanistan.",
    ),
    (
        "visit",
        "A Pakistani parliamentary delegation is visiting Kabul this week.",
    ),
    (
        "visit",
        "He became the first senior Pakistani official to travel to Kabul since the takeover.",
    ),
    (
        "meeting",
        "The two leaders held a meeting on the sidelines of the SCO summit in Astana.",
    ),
    (
        "meeting",
        "Dar conferred with his Afghan counterpart on the phone.",
    ),
    (
        "meeting",
        "The envoy briefed the Afghan foreign minister on Pakistan's concerns.",
    ),
    (
        "agreement",
        "The two sides reached a consensus on the draft of the transit agreement.",
    ),
    (
        "agreement",
        "Pakistan and Afghanistan renewed the transit trade agreement for six months.",
    ),
    (
        "meeting",
        "Delegations from Pakistan and Afghanistan sat down in Istanbul for a second round of negotiations.",
    ),
    (
        "meeting",
        "The talks, mediated by Turkey and Qatar, ended without a breakthrough.",
    ),
    (
        "ceasefire",
        "The truce, which took effect on Wednesday, was extended after the Doha talks.",
    ),
    (
        "ceasefire",
        "Kabul and Islamabad agreed to extend the truce until the next round of talks.",
    ),
    (
        "airstrike",
        "Pakistani air strikes hit the Afghan capital on Thursday night, targeting the TTP chief.",
    ),
    (
        "attack",
        "Taliban forces attacked Pakistani border posts at several locations on Saturday night.",
    ),
    (
        "clash",
        "Pakistan said 23 of its soldiers were killed in the border clashes.",
    ),
    (
        "clash",
        "Intense fighting erupted along the frontier late on Saturday.",
    ),
    (
        "border_closure",
        "All border crossings between the two countries have been closed since October 12.",
    ),
    (
        "border_closure",
        "Pakistan kept the Torkham and Chaman crossings shut for a third week.",
    ),
    (
        "deportation",
        "More than 1.5 million Afghans have been expelled or pressured to leave Pakistan since 2023.",
    ),
    (
        "deportation",
        "The UNHCR said Pakistan had forcibly returned 1,200 refugees in a single day.",
    ),
    (
        "deportation",
        "Pakistan announced it would begin deporting Afghans holding Proof of Registration cards on September 1.",
    ),
    (
        "statement",
        "Mujahid told a press conference in Kabul that Afghanistan wanted good relations with its neighbours.",
    ),
    (
        "statement",
        "Pakistan's defence minister warned that failure of the talks would mean open war.",
    ),
    (
        "statement",
        "The Taliban regime blamed Pakistan for violating Afghan airspace.",
    ),
    (
        "policy",
        "The Taliban government appointed a new consul general in Peshawar.",
    ),
    (
        "visit",
        "Afghan Commerce Minister Nooruddin Azizi arrived in Islamabad on a three-day official visit.",
    ),
    (
        "visit",
        "Naqvi flew to Kabul on Sunday for talks with Sirajuddin Haqqani.",
    ),
    (
        "agreement",
        "The two sides signed an agreement to set up a joint monitoring and verification mechanism.",
    ),
    (
        "agreement",
        "Under the agreement reached in Doha, both sides will refrain from hostile acts.",
    ),
    (
        "trade_measure",
        "Pakistan has suspended transit trade with Afghanistan until further notice.",
    ),
    (
        "takeover",
        "Relations have soured since the Taliban seized power in 2021.",
    ),
    (
        "committee_meeting",
        "The JCC will meet again next month in Islamabad.",
    ),
    (
        "conference",
        "Pakistan will host a conference of Afghanistan's neighbours in November.",
    ),
    ("", "The border dispute dates back to the colonial era."),
    ("", "Many Afghans have lived in Pakistan for four decades."),
    ("", "Trade volumes fell by a third last year."),
    ("", "The Taliban have repeatedly denied sheltering the TTP."),
    ("", "Analysts expect tensions to persist."),
    (
        "policy",
        "The federal government has constituted a committee to oversee the repatriation process.",
    ),
    (
        "policy",
        "The Taliban supreme leader issued a decree banning poppy cultivation.",
    ),
    (
        "policy",
        "The interior ministry issued a notification extending the validity of PoR cards.",
    ),
    (
        "policy",
        "The cabinet approved a proposal to issue work visas to Afghan traders.",
    ),
    (
        "policy",
        "Islamabad introduced a new visa regime for Afghan nationals.",
    ),
    (
        "policy",
        "Pakistan recalled its ambassador from Kabul for consultations.",
    ),
    ("policy", "The Taliban replaced their envoy in Islamabad."),
    (
        "policy",
        "The government set up a special cell at the interior ministry to monitor the repatriation drive.",
    ),
    (
        "policy",
        "Pakistan upgraded its diplomatic mission in Kabul to embassy level.",
    ),
    (
        "policy",
        "China formally accepted the credentials of the Taliban's ambassador.",
    ),
    (
        "statement",
        "The Afghan embassy in Islamabad protested the harassment of Afghan refugees.",
    ),
    (
        "statement",
        "In a joint statement, the two countries pledged to fight terrorism.",
    ),
    (
        "statement",
        "The ISPR statement said the troops had killed three infiltrators.",
    ),
    (
        "statement",
        "Pakistan expressed regret over the loss of civilian lives.",
    ),
    (
        "statement",
        "Islamabad has termed the Taliban's claims baseless.",
    ),
    (
        "",
        "Hundreds of residents staged protests against power outages.",
    ),
    (
        "meeting",
        "The Islamic Emirate's acting foreign minister met with Pakistan's special representative and discussed bilateral relations.",
    ),
    (
        "statement",
        "The Islamic Emirate's spokesman said in a statement that the Pakistani regime had violated Afghanistan's territory.",
    ),
    (
        "visit",
        "A delegation of the Islamic Emirate led by the acting minister of commerce traveled to Islamabad.",
    ),
    (
        "deportation",
        "According to the Ministry of Refugees and Repatriation, 3,500 Afghan migrants were forcibly deported from Pakistan yesterday.",
    ),
    (
        "deportation",
        "Afghan migrants in Pakistan complain of police harassment and forced deportation.",
    ),
    (
        "attack",
        "Unknown gunmen shot dead two policemen guarding a polio team in Bajaur.",
    ),
    (
        "attack",
        "Five terrorists were killed and three soldiers martyred in an intelligence-based operation in Khyber district.",
    ),
    (
        "attack",
        "The Frontier Corps headquarters in Bannu was targeted in a complex attack.",
    ),
    (
        "clash",
        "Security forces exchanged fire with militants trying to sneak into Pakistan.",
    ),
    (
        "airstrike",
        "The Pakistan Air Force targeted TTP positions in Afghanistan's Kunar province.",
    ),
    (
        "border_closure",
        "The Torkham crossing was reopened for pedestrians after 21 days.",
    ),
    (
        "border_closure",
        "Pakistani authorities shut the Chaman border following protests.",
    ),
    (
        "trade_measure",
        "Pakistan has imposed a 60 percent tax on Afghan fresh fruit.",
    ),
    (
        "agreement",
        "The Islamic Emirate and Pakistan signed a protocol on the exchange of prisoners.",
    ),
    (
        "ceasefire",
        "The Islamic Emirate and Pakistan reached a ceasefire agreement in Doha.",
    ),
    (
        "meeting",
        "The Pakistani chargé d'affaires met with the Afghan deputy foreign minister in Kabul.",
    ),
    (
        "conference",
        "The Kabul Regional Cooperation Initiative conference was attended by envoys from 11 countries.",
    ),
    (
        "statement",
        "Pakistan's foreign office spokesperson Mumtaz Zahra Baloch told the weekly briefing that Islamabad wants dialogue.",
    ),
    (
        "takeover",
        "Since the Islamic Emirate came to power, relations with Pakistan have fluctuated.",
    ),
    (
        "policy",
        "The Islamic Emirate introduced new regulations for Pakistani traders.",
    ),
    (
        "",
        "Islamabad has long accused Kabul of sheltering the TTP.",
    ),
];

#[test]
fn every_phrasing_yields_its_kind() {
    let rules = EventRules::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/en/events"
    )))
    .unwrap();
    let mut failures = Vec::new();
    for (kind, sentence) in CASES {
        let kinds: Vec<String> = rules
            .match_sentence(sentence)
            .into_iter()
            .map(|m| m.kind)
            .collect();
        let ok = if kind.is_empty() {
            kinds.is_empty()
        } else {
            kinds.iter().any(|k| k == kind)
        };
        if !ok {
            failures.push(format!("want {kind:?}, got {kinds:?}: {sentence}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
