"""Military actions: agent, target and place attachment and status, one behaviour a test.

Every sentence here was written for these tests; each pins one rule of
``kg.extract.actions`` or ``kg.extract.modality`` that the held-out articles showed
missing (affiliated units, anaphoric heads, possessed targets, places a clause or a
sentence away, reports, plans with a purpose, joint and denied involvement)."""

from __future__ import annotations

from tests.extract._events import (
    CHAD,
    CHAD_ARMY,
    FRANCE,
    ISIS,
    ITALY,
    JNIM,
    KIDAL,
    LIBYA,
    LIBYAN_ARMY,
    MISRATA,
    SUDAN,
    SUDAN_GOV,
    TURKEY,
    actions_of,
    keys,
    only,
    ref,
)

SYRIA = ref("state-syria", "State", "سوريا")
SYRIA_GOV = ref("new:Organization:النظام السوري", "Organization", "النظام السوري")
KHARTOUM = ref("place-khartoum", "Place", "الخرطوم", country="state-sudan")


# ---------------------------------------------------------------- agents


def test_a_unit_affiliated_to_an_army_makes_the_army_the_agent():
    a = only(actions_of(
        "شنت طائرات تابعة للجيش التشادي، فجر الأحد، غارات على مواقع لنصرة الإسلام قرب كيدال.",
        cast={"للجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.agents) == {CHAD_ARMY.key}
    assert keys(a.targets) == {JNIM.key}
    assert KIDAL.key in keys(a.places)


def test_the_owner_of_forces_named_by_a_pronoun_is_the_agent_of_the_offensive():
    a = only(actions_of(
        "أعلنت القيادة العامة للجيش التشادي، الاثنين، سيطرة قواتها على مدينة كيدال بعد "
        "هجوم بري على مواقع نصرة الإسلام.",
        cast={"للجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "ground_offensive")
    assert keys(a.agents) == {CHAD_ARMY.key}
    assert keys(a.targets) == {JNIM.key}
    assert KIDAL.key in keys(a.places)


def test_a_bare_head_noun_refers_back_to_the_army_named_in_full_before():
    a = only(actions_of(
        "وصل وفد من الجيش التشادي إلى العاصمة.",
        "وقالت مصادر محلية إن الجيش شن هجوما على مواقع لنصرة الإسلام في كيدال.",
        cast={"الجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "armed_attack")
    assert keys(a.agents) == {CHAD_ARMY.key}


def test_a_head_noun_with_another_adjective_is_another_army():
    found = actions_of(
        "وصل وفد من الجيش التشادي إلى العاصمة.",
        "وقالت مصادر محلية إن الجيش السوداني شن هجوما على مواقع لنصرة الإسلام في كيدال.",
        cast={"الجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    )
    a = only(found, "armed_attack")
    assert CHAD_ARMY.key not in keys(a.agents)


def test_a_light_verb_carries_the_subject_to_a_distant_attack_noun():
    a = only(actions_of(
        "وكانت نصرة الإسلام قد شنت في مارس الماضي هجوما على قاعدة عسكرية قرب كيدال.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "armed_attack")
    assert keys(a.agents) == {JNIM.key}


def test_forces_annexed_to_the_trigger_act_not_the_government_that_denies_it():
    a = only(actions_of(
        "ونفت الحكومة السودانية تقارير تحدثت عن توغل قوات برية سودانية في شرق تشاد.",
        cast={"الحكومة السودانية": SUDAN_GOV, "تشاد": CHAD},
    ), "ground_offensive")
    assert keys(a.agents) == {SUDAN.key}
    assert a.status == "alleged"
    assert CHAD.key in keys(a.places)


def test_a_state_deemed_likely_by_its_adjective_is_the_alleged_agent():
    a = only(actions_of(
        "وقصفت طائرات مجهولة مخزنا للذخيرة قرب مصراتة، ورجح سكان أن تكون تركية.",
        cast={"مصراتة": MISRATA},
    ), "airstrike")
    assert keys(a.agents) == {TURKEY.key}
    assert a.status == "alleged"


def test_a_state_after_a_territory_noun_is_a_place_not_the_agent():
    a = only(actions_of(
        "وكان داعش قد اجتاح أراضي سوريا وأعدم العشرات من أبنائها.",
        cast={"داعش": ISIS, "سوريا": SYRIA},
    ), "execution")
    assert keys(a.agents) == {ISIS.key}
    assert SYRIA.key in keys(a.places)


# ---------------------------------------------------------------- targets


def test_a_target_marker_reaches_past_an_owner_noun_and_quotes():
    a = only(actions_of(
        'ونفذت مقاتلات فرنسية ضربات جوية ضد معاقل تنظيم "داعش" في شمال مالي.',
        cast={"داعش": ISIS},
    ), "airstrike")
    assert keys(a.targets) == {ISIS.key}
    assert keys(a.agents) == {FRANCE.key}


def test_members_drawn_from_an_army_make_the_army_the_trainee():
    a = only(actions_of(
        "وأبدت إيطاليا استعدادها لتدريب عناصر من الجيش الليبي خلال العام المقبل.",
        cast={"إيطاليا": ITALY, "الجيش الليبي": LIBYAN_ARMY},
    ), "military_training")
    assert keys(a.targets) == {LIBYAN_ARMY.key}
    assert a.status == "offered"


def test_a_possessed_target_points_to_its_owner():
    a = only(actions_of(
        "واتهمت نصرة الإسلام طائرات فرنسية بقصف مواقعها قرب كيدال.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.agents) == {FRANCE.key}
    assert keys(a.targets) == {JNIM.key}
    assert a.status == "alleged"


def test_the_group_whose_grip_a_town_is_freed_from_is_the_target():
    a = only(actions_of(
        "وقال المتحدث إن الجيش التشادي يستعد لإطلاق عملية عسكرية لتحرير كيدال من قبضة "
        "نصرة الإسلام.",
        cast={"الجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "ground_offensive")
    assert keys(a.targets) >= {JNIM.key}
    assert a.status == "planned"


def test_a_place_closing_the_phrase_after_ala_is_what_was_hit():
    a = only(actions_of(
        "وشن مسلحون مجهولون هجوما على إحدى محطات الوقود بمدينة مصراتة.",
        cast={"مصراتة": MISRATA},
    ), "armed_attack")
    assert MISRATA.key in keys(a.targets)


def test_informing_an_army_with_a_verb_makes_it_the_recipient():
    a = only(actions_of(
        "ويرى محللون أن فرنسا تزود الجيش التشادي بمعلومات استخباراتية عن تحركات المسلحين.",
        cast={"فرنسا": FRANCE, "الجيش التشادي": CHAD_ARMY},
    ), "intelligence_sharing")
    assert keys(a.agents) == {FRANCE.key}
    assert keys(a.targets) == {CHAD_ARMY.key}


# ---------------------------------------------------------------- places


def test_a_nationality_adjective_after_a_territory_noun_is_the_place():
    a = only(actions_of(
        "وقال الوزير إن الضربات التي نفذتها مقاتلات فرنسية في العمق الليبي أصابت أهدافها.",
        cast={},
    ), "airstrike")
    assert LIBYA.key in keys(a.places)


def test_a_clause_that_goes_on_with_wa_anna_keeps_the_place_of_the_clause_before():
    a = only(actions_of(
        "وأكد الوزير أن الجزائر مستعدة لدعم الجيش الليبي في مصراتة وأن بوسعها تزويده "
        "بمواقع المسلحين.",
        cast={"الجيش الليبي": LIBYAN_ARMY, "مصراتة": MISRATA},
    ), "intelligence_sharing")
    assert MISRATA.key in keys(a.places)


def test_the_next_sentence_of_the_same_speaker_gives_a_place_the_attack_lacked():
    a = only(actions_of(
        "أعلن الجيش التشادي أن مقاتلاته نفذت غارات دمرت قافلة لمسلحي نصرة الإسلام.",
        "وأوضح أن القافلة رصدت شمال مدينة كيدال وهي تتجه نحو الحدود.",
        cast={"الجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "airstrike")
    assert KIDAL.key in keys(a.places)


def test_the_seat_of_a_government_that_denies_a_part_is_no_place_of_the_attack():
    found = actions_of(
        "شن مسلحون من نصرة الإسلام هجوما على قاعدة عسكرية قرب كيدال أسفر عن مقتل سبعة جنود.",
        "ونفت الحكومة السودانية في الخرطوم أي صلة لها بالهجوم.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL, "الحكومة السودانية": SUDAN_GOV,
              "الخرطوم": KHARTOUM},
    )
    a = only(found, "armed_attack")
    assert KHARTOUM.key not in keys(a.places)
    assert a.status == "occurred"  # the government denies a part in it, not the attack


# ---------------------------------------------------------------- status and merging


def test_a_report_speaking_through_its_own_verb_makes_the_action_alleged():
    a = only(actions_of(
        "وكان تقرير لخبراء مستقلين قد أشار إلى أن تركيا زودت النظام السوري بطائرات مسيرة.",
        cast={"تركيا": TURKEY, "النظام السوري": SYRIA_GOV},
    ), "arms_supply")
    assert a.status == "alleged"
    assert keys(a.agents) == {TURKEY.key}
    assert keys(a.targets) == {SYRIA_GOV.key}


def test_a_purpose_under_a_plan_is_a_planned_attack():
    a = only(actions_of(
        "وقال قائد ميداني إن الجيش التشادي يستعد لشن هجوم على كيدال.",
        cast={"الجيش التشادي": CHAD_ARMY, "كيدال": KIDAL},
    ), "armed_attack")
    assert a.status == "planned"
    assert keys(a.agents) == {CHAD_ARMY.key}


def test_a_bare_purpose_is_still_no_attack():
    found = actions_of(
        "وتسلل مسلحون عبر الحدود لشن هجمات في كيدال.",
        cast={"كيدال": KIDAL},
    )
    assert [a for a in found if a.type == "armed_attack"] == []


def test_a_force_that_took_part_in_the_strikes_is_one_more_agent_of_them():
    found = actions_of(
        "شنت مقاتلات فرنسية غارات على مواقع لنصرة الإسلام قرب كيدال.",
        "وأكد متحدث عسكري أن الطيران التشادي شارك في الضربات.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL},
    )
    a = only(found, "airstrike")
    assert keys(a.agents) >= {FRANCE.key, CHAD.key}


def test_a_denial_in_another_clause_does_not_reach_the_strikes_it_describes():
    found = actions_of(
        "شنت مقاتلات تشادية غارات على مواقع لنصرة الإسلام قرب كيدال.",
        "ونفت نصرة الإسلام وجود أي مواقع لها في المنطقة، مؤكدا بيانها أن الغارات أصابت "
        "منازل مدنيين.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL},
    )
    assert only(found, "airstrike").status == "occurred"


def test_a_demonstrative_over_a_series_lends_no_agent_to_the_last_attack():
    found = actions_of(
        "وشن مسلحون مجهولون هجوما على محطة للوقود قرب مصراتة.",
        "وتأتي هذه الهجمات المتتالية لداعش في وقت تشهد فيه البلاد انقساما سياسيا.",
        cast={"مصراتة": MISRATA, "داعش": ISIS},
    )
    a = only(found, "armed_attack")
    assert ISIS.key not in keys(a.agents)


def test_a_threat_to_attack_is_planned_not_done():
    a = only(actions_of(
        "وهدد قائد الجيش التشادي بشن هجوم واسع على كيدال.",
        cast={"الجيش التشادي": CHAD_ARMY, "كيدال": KIDAL},
    ), "armed_attack")
    assert a.status == "planned"


def test_a_refusal_reports_no_action():
    found = actions_of(
        "ورفضت فرنسا المشاركة في أي عمل عسكري أو تدريب قوات ليبية.",
        cast={"فرنسا": FRANCE},
    )
    assert [a for a in found if a.type == "military_training"] == []


def test_a_future_participation_is_planned():
    a = only(actions_of(
        "وقال المتحدث إن مقاتلات فرنسية ستشارك في الضربات على مواقع نصرة الإسلام.",
        cast={"نصرة الإسلام": JNIM},
    ), "airstrike")
    assert a.status == "planned"


def test_an_attempt_the_accused_is_charged_with_is_no_action():
    found = actions_of(
        "واتهمت الحكومة السودانية تشاد بالسعي لتسليح فصائل معارضة.",
        cast={"الحكومة السودانية": SUDAN_GOV, "تشاد": CHAD},
    )
    assert [a for a in found if a.type == "arms_supply"] == []


def test_forces_after_min_are_the_agent_of_a_suffered_strike():
    a = only(actions_of(
        "وتعرضت مواقع نصرة الإسلام قرب كيدال لقصف جوي عنيف من طائرات فرنسية.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.agents) == {FRANCE.key}
    assert keys(a.targets) == {JNIM.key}


def test_an_accuser_named_by_its_adjective_is_not_the_accused():
    a = only(actions_of(
        "واتهمت الحكومة التشادية السودان بتنفيذ غارات على مواقع معارضين قرب الحدود.",
        cast={"السودان": SUDAN},
    ), "airstrike")
    assert keys(a.agents) == {SUDAN.key}
    assert a.status == "alleged"


def test_a_checkpoint_hit_is_the_target_not_a_second_attack():
    found = actions_of(
        "وأعلنت نصرة الإسلام مسؤوليتها عن الهجوم على كمين للجيش التشادي قرب كيدال.",
        cast={"نصرة الإسلام": JNIM, "للجيش التشادي": CHAD_ARMY, "كيدال": KIDAL},
    )
    a = only(found, "armed_attack")
    assert keys(a.agents) == {JNIM.key}
    assert keys(a.targets) == {CHAD_ARMY.key}


def test_a_coordinated_relative_with_a_targeting_pronoun_names_the_target():
    a = only(actions_of(
        "ويقاتل الجيش التشادي نصرة الإسلام التي انشقت عن داعش والتي تستهدفها غارات "
        "فرنسية قرب كيدال.",
        cast={"الجيش التشادي": CHAD_ARMY, "نصرة الإسلام": JNIM, "داعش": ISIS, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.targets) == {JNIM.key}
    assert keys(a.agents) == {FRANCE.key}


def test_a_single_drone_with_its_nationality_is_the_agent_of_the_verb():
    a = only(actions_of(
        "واستهدفت طائرة مسيرة تركية تمركزات للجيش الليبي جنوب مصراتة.",
        cast={"للجيش الليبي": LIBYAN_ARMY, "مصراتة": MISRATA},
    ), "airstrike")
    assert keys(a.agents) == {TURKEY.key}
    assert keys(a.targets) == {LIBYAN_ARMY.key}


def test_planes_of_an_air_arm_take_the_arm_nationality_and_the_owner_noun_keeps_its_clitic():
    a = only(actions_of(
        "قصفت طائرات حربية تابعة لسلاح الجو التشادي مواقع لتنظيم داعش قرب كيدال.",
        cast={"داعش": ISIS, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.agents) == {CHAD.key}
    assert keys(a.targets) == {ISIS.key}


def test_the_force_that_repelled_an_attack_was_its_target():
    a = only(actions_of(
        "وقال المتحدث إن قوات الجيش التشادي صدت هجوما شنه مسلحون على قاعدة قرب كيدال.",
        cast={"قوات الجيش التشادي": CHAD_ARMY, "كيدال": KIDAL},
    ), "armed_attack")
    assert a.agents == []
    assert keys(a.targets) == {CHAD_ARMY.key}


def test_a_pledge_of_definite_logistic_support_is_offered():
    a = only(actions_of(
        "وتعهدت فرنسا بتقديم الدعم اللوجستي للجيش التشادي.",
        cast={"فرنسا": FRANCE, "للجيش التشادي": CHAD_ARMY},
    ), "logistic_support")
    assert a.status == "offered"
    assert keys(a.targets) == {CHAD_ARMY.key}


def test_a_force_that_took_no_part_yields_no_strike():
    found = actions_of(
        "وأكدت الحكومة السودانية أن الطيران التشادي لم يشارك في القصف على كيدال.",
        cast={"الحكومة السودانية": SUDAN_GOV, "كيدال": KIDAL},
    )
    assert [a for a in found if a.type == "airstrike"] == []
