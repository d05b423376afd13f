"""Military actions: types from triggers, agent, target, place, date, status, one per article.

Every sentence here was written for these tests."""

from __future__ import annotations

from kg.records import PartialDate
from tests.extract._events import (
    ALEXANDRIA,
    BRITAIN,
    CHAD,
    CHAD_ARMY,
    EGYPT,
    FRANCE,
    ISIS,
    ITALY,
    JNIM,
    KIDAL,
    LIBYA,
    LIBYAN_ARMY,
    MALI,
    MISRATA,
    SHABAB,
    SOMALI_POLICE,
    SUDAN_GOV,
    TRIPOLI,
    TUNISIA,
    TURKEY,
    USA,
    actions_of,
    keys,
    only,
    ref,
)

UAE = ref("state-uae", "State", "الإمارات")
SYRIA_GOV = ref("new:Organization:النظام السوري", "Organization", "النظام السوري")


def test_airstrike_led_by_a_state_with_places_after_fi():
    a = only(actions_of(
        "واستهدفت غارات جوية تقودها فرنسا مواقع للمسلحين في شمال مالي.",
        cast={"فرنسا": FRANCE, "مالي": MALI},
    ), "airstrike")
    assert keys(a.agents) == {FRANCE.key}
    assert keys(a.places) == {MALI.key}
    assert a.status == "occurred"
    assert a.cameo == "195"


def test_an_offer_to_train_is_offered_with_the_trainee_as_target():
    a = only(actions_of(
        "عرضت تركيا تدريب الشرطة الصومالية على مكافحة الإرهاب.",
        cast={"تركيا": TURKEY, "الشرطة الصومالية": SOMALI_POLICE},
    ), "military_training")
    assert a.status == "offered"
    assert keys(a.agents) == {TURKEY.key}
    assert keys(a.targets) == {SOMALI_POLICE.key}
    assert a.cameo == "0312"


def test_intent_to_arm_is_planned():
    a = only(actions_of(
        "وتعتزم إيطاليا تزويد الجيش التشادي بالأسلحة خلال العام المقبل.",
        cast={"إيطاليا": ITALY, "الجيش التشادي": CHAD_ARMY},
    ), "arms_supply")
    assert a.status == "planned"
    assert keys(a.agents) == {ITALY.key}
    assert keys(a.targets) == {CHAD_ARMY.key}
    assert a.cameo == "0332"


def test_future_prefix_is_planned():
    a = only(actions_of(
        "وقال الوزير إن فرنسا ستقدم دعما لوجستيا للجيش التشادي.",
        cast={"فرنسا": FRANCE, "الجيش التشادي": CHAD_ARMY},
    ), "logistic_support")
    assert a.status == "planned"


def test_suspected_perpetrator_makes_an_attack_alleged_with_casualties_and_place():
    a = only(actions_of(
        "وقتل خمسة جنود في هجوم على ثكنة قرب كيدال يشتبه أنه من تنفيذ جماعة نصرة الإسلام.",
        cast={"كيدال": KIDAL, "نصرة الإسلام": JNIM},
    ), "armed_attack")
    assert a.status == "alleged"
    assert keys(a.agents) == {JNIM.key}
    assert keys(a.places) == {KIDAL.key}
    assert a.casualties == 5


def test_a_denied_strike_is_alleged():
    a = only(actions_of(
        "ونفت الحكومة السودانية مشاركتها في القصف الجوي على مدينة مصراتة.",
        cast={"الحكومة السودانية": SUDAN_GOV, "مصراتة": MISRATA},
    ), "airstrike")
    assert a.status == "alleged"
    assert keys(a.agents) == {SUDAN_GOV.key}


def test_the_accused_is_the_agent_not_the_accuser():
    a = only(actions_of(
        "واتهم الجيش الليبي تركيا بتسليح الميليشيات في طرابلس.",
        cast={"الجيش الليبي": LIBYAN_ARMY, "تركيا": TURKEY, "طرابلس": TRIPOLI},
    ), "arms_supply")
    assert a.status == "alleged"
    assert keys(a.agents) == {TURKEY.key}


def test_claimed_responsibility_gives_agent_and_occurred():
    a = only(actions_of(
        "وأعلن تنظيم داعش مسؤوليته عن تفجير استهدف كنيسة في الإسكندرية.",
        cast={"داعش": ISIS, "الإسكندرية": ALEXANDRIA},
    ), "bombing")
    assert a.status == "occurred"
    assert keys(a.agents) == {ISIS.key}
    assert keys(a.places) == {ALEXANDRIA.key}


def test_subjected_to_strikes_makes_the_subject_a_target_and_the_adjective_the_agent():
    a = only(actions_of(
        "وتعرضت حركة الشباب لغارات أمريكية في جنوب الصومال.",
        cast={"حركة الشباب": SHABAB, "أمريكية": USA},
    ), "airstrike")
    assert keys(a.targets) == {SHABAB.key}
    assert keys(a.agents) == {USA.key}


def test_joint_strike_is_one_action_with_several_agents():
    a = only(actions_of(
        "وشنت فرنسا وبريطانيا غارات على مواقع النظام السوري.",
        cast={"فرنسا": FRANCE, "بريطانيا": BRITAIN, "النظام السوري": SYRIA_GOV},
    ), "airstrike")
    assert keys(a.agents) == {FRANCE.key, BRITAIN.key}
    assert keys(a.targets) == {SYRIA_GOV.key}


def test_a_later_definite_mention_joins_the_action_and_adds_casualties():
    found = actions_of(
        "وشنت الإمارات غارات على مواقع في مصراتة.",
        "وأسفرت الغارات عن مقتل سبعة أشخاص.",
        cast={"الإمارات": UAE, "مصراتة": MISRATA},
    )
    a = only(found, "airstrike")
    assert len(a.evidence) == 2
    assert a.casualties == 7


def test_an_offer_and_a_deed_of_the_same_parties_stay_apart():
    found = actions_of(
        "ودربت تركيا الشرطة الصومالية العام الماضي.",
        "وعرضت تركيا تدريب الشرطة الصومالية مجددا.",
        cast={"تركيا": TURKEY, "الشرطة الصومالية": SOMALI_POLICE},
    )
    assert sorted(a.status for a in found if a.type == "military_training") == [
        "occurred", "offered"]


def test_appeals_wishes_and_negations_are_not_actions():
    found = actions_of(
        "ودعا البرلمان الحكومة إلى تدريب الجيش الليبي.",
        "وأكد الوزير أن تونس لن تقدم السلاح لأي طرف.",
        "ويأمل الليبيون أن تقدم فرنسا دعما لوجستيا للجيش الليبي.",
        cast={"الجيش الليبي": LIBYAN_ARMY, "تونس": TUNISIA, "فرنسا": FRANCE},
    )
    assert found == []


def test_a_training_camp_is_not_a_training():
    found = actions_of(
        "وهاجم مسلحون معسكر تدريب يتبع الجيش الليبي قرب طرابلس.",
        cast={"الجيش الليبي": LIBYAN_ARMY, "طرابلس": TRIPOLI},
    )
    assert [a.type for a in found] == ["armed_attack"]
    assert keys(found[0].targets) == {LIBYAN_ARMY.key}


def test_cooperation_with_nobody_named_is_not_an_action():
    assert actions_of("وتحتاج المنطقة إلى التدريب والتسليح.", cast={}) == []


def test_intelligence_sharing_and_its_date():
    a = only(actions_of(
        "وتبادلت مصر وتونس أمس معلومات أمنية عن تحركات داعش.",
        cast={"مصر": EGYPT, "تونس": TUNISIA, "داعش": ISIS},
        published=PartialDate(2016, 6, 2),
    ), "intelligence_sharing")
    assert {EGYPT.key, TUNISIA.key} <= keys(a.agents)
    assert a.date == PartialDate(2016, 6, 1)
    assert a.cameo == "064"


def test_border_reinforcements_are_border_security():
    a = only(actions_of(
        "ودفعت تونس بتعزيزات عسكرية على الحدود مع ليبيا.",
        cast={"تونس": TUNISIA, "ليبيا": LIBYA},
    ), "border_security")
    assert keys(a.agents) == {TUNISIA.key}
    assert a.status == "occurred"


def test_offer_in_a_later_clause_takes_the_sentence_subject_and_pronoun_target():
    a = only(actions_of(
        "وقال مسؤول إن تركيا أبلغت الجيش التشادي أن بوسعها تزويده بمواقع المسلحين.",
        cast={"تركيا": TURKEY, "الجيش التشادي": CHAD_ARMY},
    ), "intelligence_sharing")
    assert a.status == "offered"
    assert keys(a.agents) == {TURKEY.key}
    assert keys(a.targets) == {CHAD_ARMY.key}


def test_execution_by_a_group_with_victim_count():
    a = only(actions_of(
        "ونشر تنظيم داعش تسجيلا يظهر إعدام 12 رهينة من تشاد.",
        cast={"داعش": ISIS, "تشاد": CHAD},
    ), "execution")
    assert keys(a.agents) == {ISIS.key}
    assert a.casualties == 12


def test_the_subject_of_obtaining_support_is_its_recipient():
    a = only(actions_of(
        "وطلب الوفد التشادي الحصول على دعم لوجستي فرنسي.",
        "وشمل الاتفاق حصول الجيش التشادي على دعم لوجستي.",
        cast={"الجيش التشادي": CHAD_ARMY},
    ), "logistic_support")
    assert keys(a.targets) == {CHAD_ARMY.key}
    assert CHAD_ARMY.key not in keys(a.agents)


def test_all_named_after_an_accusation_are_accused_when_the_accuser_is_unnamed():
    a = only(actions_of(
        "واتهم الناشط سالم دول تركيا وفرنسا بتسليح الميليشيات.",
        cast={"تركيا": TURKEY, "فرنسا": FRANCE},
    ), "arms_supply")
    assert keys(a.agents) == {TURKEY.key, FRANCE.key}
    assert a.status == "alleged"


def test_an_accusation_carries_over_to_these_states_in_the_next_clause():
    a = only(actions_of(
        "واتهم الوزير تركيا وفرنسا بالتدخل، وقال إن هذه الدول تعمل على تسليح الميليشيات.",
        cast={"تركيا": TURKEY, "فرنسا": FRANCE},
    ), "arms_supply")
    assert a.status == "alleged"
    assert keys(a.agents) == {TURKEY.key, FRANCE.key}


def test_accused_of_killing_is_an_alleged_attack_by_the_accused():
    a = only(actions_of(
        "وتنشط جماعة نصرة الإسلام التي تتهمها فرنسا بقتل جنديين عام 2019.",
        cast={"نصرة الإسلام": JNIM, "فرنسا": FRANCE},
    ), "armed_attack")
    assert a.status == "alleged"
    assert keys(a.agents) == {JNIM.key}
    assert a.date == PartialDate(2019)


def test_an_annexed_noun_is_definite_and_joins_the_earlier_execution():
    found = actions_of(
        "وأعدم تنظيم داعش 12 رهينة من تشاد قرب كيدال.",
        "وقال الوزير إن إعدام الرهائن لن يمر دون عقاب.",
        cast={"داعش": ISIS, "تشاد": CHAD, "كيدال": KIDAL},
    )
    a = only(found, "execution")
    assert len(a.evidence) == 2


def test_a_bare_retelling_does_not_change_an_alleged_status():
    a = only(actions_of(
        "وقتل ثلاثة حراس في هجوم على ثكنة قرب كيدال يشتبه أنه من تنفيذ جماعة نصرة الإسلام.",
        "وذكر شهود أن مسلحين اقتحموا الثكنة.",
        cast={"كيدال": KIDAL, "نصرة الإسلام": JNIM},
    ), "armed_attack")
    assert a.status == "alleged"
    assert len(a.evidence) == 2


def test_two_attacks_of_one_group_on_two_towns_are_two_attacks():
    found = actions_of(
        "وقتل جنديان في هجوم لتنظيم داعش على بلدة في كيدال.",
        "وفي هجوم آخر شنه تنظيم داعش على مدينة مصراتة قتل خمسة مدنيين.",
        cast={"داعش": ISIS, "كيدال": KIDAL, "مصراتة": MISRATA},
    )
    assert len([a for a in found if a.type == "armed_attack"]) == 2


def test_will_not_hesitate_to_is_an_offer():
    a = only(actions_of(
        "وقال الوزير إن تونس لن تتردد في تدريب الجيش الليبي.",
        cast={"تونس": TUNISIA, "الجيش الليبي": LIBYAN_ARMY},
    ), "military_training")
    assert a.status == "offered"
    assert keys(a.agents) == {TUNISIA.key}


def test_topics_purposes_and_obligations_are_not_actions():
    found = actions_of(
        "وتناول اللقاء بين تونس وفرنسا تأمين الحدود المشتركة.",
        "وتنسق تونس مع فرنسا لمكافحة الإرهاب وتأمين الحدود.",
        "وتستغل داعش الفوضى لشن هجمات على تونس.",
        "وقال الخبير إن على تونس تأمين حدودها مع ليبيا وهو ما فرض عليها تأمين حدودها.",
        cast={"تونس": TUNISIA, "فرنسا": FRANCE, "داعش": ISIS, "ليبيا": LIBYA},
    )
    assert found == []


def test_the_organisation_refers_back_to_the_group_named_before():
    a = only(actions_of(
        "ونشر تنظيم داعش تسجيلا جديدا، وأعلن التنظيم فيه ذبحه 12 تشاديا.",
        cast={"داعش": ISIS},
    ), "execution")
    assert keys(a.agents) == {ISIS.key}
    assert a.casualties == 12


def test_an_enumeration_shares_the_parties_of_its_head():
    found = actions_of(
        "وتشير تقارير إلى دعم عسكري فرنسي إلى الجيش التشادي يشمل توفير التدريب والعتاد.",
        cast={"الجيش التشادي": CHAD_ARMY},
    )
    for kind in ("logistic_support", "military_training", "arms_supply"):
        a = only(found, kind)
        assert a.status == "alleged"
        assert keys(a.agents) == {FRANCE.key}
        assert keys(a.targets) == {CHAD_ARMY.key}


def test_armed_men_killing_is_an_attack_on_those_killed():
    a = only(actions_of(
        "وقتل مسلحون مجهولون سبعة من رجال الشرطة التونسية قرب الحدود.",
        cast={"الشرطة التونسية": ref("org-tn-police", "Organization", "الشرطة التونسية",
                                     country="state-tunisia")},
    ), "armed_attack")
    assert keys(a.targets) == {"org-tn-police"}
    assert a.casualties == 7


def test_the_actor_right_after_an_action_verb_is_its_subject():
    a = only(actions_of(
        "وقصفت الطائرات الفرنسية مواقع لجماعة نصرة الإسلام قرب كيدال.",
        cast={"الفرنسية": FRANCE, "نصرة الإسلام": JNIM, "كيدال": KIDAL},
    ), "airstrike")
    assert keys(a.agents) == {FRANCE.key}
    assert keys(a.targets) == {JNIM.key}


def test_a_clash_between_two_sides_has_both_as_agents():
    a = only(actions_of(
        "واندلعت اشتباكات بين الجيش الليبي وجماعة نصرة الإسلام قرب طرابلس.",
        cast={"الجيش الليبي": LIBYAN_ARMY, "نصرة الإسلام": JNIM, "طرابلس": TRIPOLI},
    ), "armed_attack")
    assert keys(a.agents) == {LIBYAN_ARMY.key, JNIM.key}


def test_a_future_verb_and_a_schedule_are_planned():
    found = actions_of(
        "وقال الوزير إن فرنسا ستدرب الجيش التشادي.",
        "ومن المقرر أن تبدأ إيطاليا تدريب الشرطة الصومالية الشهر المقبل.",
        cast={"فرنسا": FRANCE, "الجيش التشادي": CHAD_ARMY, "إيطاليا": ITALY,
              "الشرطة الصومالية": SOMALI_POLICE},
    )
    assert [a.status for a in found if a.type == "military_training"] == ["planned", "planned"]


def test_unconfirmed_news_is_alleged_and_a_verb_of_supplying_arms_is_arms_supply():
    a = only(actions_of(
        "وترددت أنباء عن أن تركيا زودت الجيش الليبي بصواريخ حديثة.",
        cast={"تركيا": TURKEY, "الجيش الليبي": LIBYAN_ARMY},
    ), "arms_supply")
    assert a.status == "alleged"
    assert keys(a.agents) == {TURKEY.key}
    assert keys(a.targets) == {LIBYAN_ARMY.key}


def test_a_sharp_verbal_attack_is_not_an_armed_attack():
    found = actions_of(
        "وشن الوزير الفرنسي هجوما حادا على تركيا بسبب سياستها.",
        cast={"الفرنسي": FRANCE, "تركيا": TURKEY},
    )
    assert found == []


def test_two_strikes_on_two_towns_of_one_country_stay_apart():
    found = actions_of(
        "وشنت طائرات مجهولة غارات على مدينة مصراتة.",
        "ونفت الحكومة السودانية مشاركتها في الغارات على طرابلس.",
        cast={"مصراتة": MISRATA, "طرابلس": TRIPOLI, "الحكومة السودانية": SUDAN_GOV},
    )
    assert len([a for a in found if a.type == "airstrike"]) == 2


def test_the_noun_of_a_transitive_verb_takes_its_object_as_target():
    a = only(actions_of(
        "وساعدت الجماعة نصرة الإسلام في اقتحام الجيش التشادي مواقعه قرب كيدال.",
        cast={"نصرة الإسلام": JNIM, "الجيش التشادي": CHAD_ARMY, "كيدال": KIDAL},
    ), "armed_attack")
    assert CHAD_ARMY.key in keys(a.targets)
    assert CHAD_ARMY.key not in keys(a.agents)


def test_attacks_of_a_group_with_li_name_the_group_as_agent():
    a = only(actions_of(
        "وتزايدت الهجمات المتتالية لتنظيم داعش على بلدات قرب كيدال.",
        cast={"تنظيم داعش": ISIS, "كيدال": KIDAL},
    ), "armed_attack")
    assert keys(a.agents) == {ISIS.key}


def test_these_attacks_never_open_a_new_action():
    assert actions_of(
        "وقال الوزير إن هذه الهجمات لن تثني الحكومة عن مواصلة جهودها.",
        cast={},
    ) == []


def test_a_strike_on_a_town_and_the_strikes_in_its_country_are_one_when_told_as_such():
    found = actions_of(
        "وشنت الإمارات غارات على مواقع في مصراتة.",
        "وقالت الوزارة إن الغارات الجوية التي شنتها الإمارات في ليبيا أصابت أهدافها.",
        cast={"الإمارات": UAE, "مصراتة": MISRATA, "ليبيا": LIBYA},
    )
    a = only(found, "airstrike")
    assert len(a.evidence) == 2


def test_a_car_bomb_is_not_a_future_verb():
    a = only(actions_of(
        "وانفجرت سيارات مفخخة قرب مقر الشرطة في مصراتة.",
        cast={"مصراتة": MISRATA},
    ), "bombing")
    assert a.status == "occurred"
    assert a.cameo == "1832"


def test_drones_targeting_is_an_airstrike_and_shelling_an_armed_attack():
    found = actions_of(
        "وقالت مصادر إن طائرات مسيرة فرنسية استهدفت مواقع لجماعة نصرة الإسلام قرب كيدال.",
        "وتعرضت أحياء في طرابلس لقصف مدفعي عنيف.",
        cast={"نصرة الإسلام": JNIM, "كيدال": KIDAL, "طرابلس": TRIPOLI},
    )
    strike = only(found, "airstrike")
    assert keys(strike.agents) == {FRANCE.key}
    shelling = only(found, "armed_attack")
    assert shelling.cameo == "194"
    assert keys(shelling.places) == {TRIPOLI.key}


def test_every_lexicon_row_is_well_formed_and_says_where_it_came_from():
    from kg.extract.modality import LEXICON_DIR, load_lexicon
    from kg.records import ACTION_TYPES

    for name in ("meeting_triggers", "action_triggers", "modality"):
        text = (LEXICON_DIR / f"{name}.tsv").read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}.tsv needs a header comment"
        for entry in load_lexicon(name):
            assert entry.source.strip(), entry.fields["pattern"]
    for entry in load_lexicon("action_triggers"):
        assert entry.fields["type"] in ACTION_TYPES
        assert entry.fields["cameo"].isdigit()
        assert entry.fields["gap"] in {"", "agent", "target"}
        assert entry.fields["genitive"] in {"", "agent", "target"}
    for entry in load_lexicon("meeting_triggers"):
        assert entry.kind in {"verb", "noun", "visit", "attendee"}
    for entry in load_lexicon("modality"):
        assert entry.fields["effect"] in {"offered", "planned", "alleged", "denied",
                                          "confirmed", "drop", "purpose"}
        assert entry.fields["scope"] in {"before", "after", "clause", "near", "governs", "next",
                                         "sentence"}


def test_a_football_team_training_is_not_military_training():
    found = actions_of(
        "وخاض المنتخب التونسي تدريباته الأخيرة استعدادا لمباراة الغد.",
        cast={"التونسي": TUNISIA},
    )
    assert found == []


def test_joint_exercises_are_training_of_both_sides_and_delivered_armour_is_arms_supply():
    found = actions_of(
        "واختتمت تونس وفرنسا مناورات عسكرية مشتركة قرب الحدود.",
        "وأعلنت تركيا تسليم مدرعات إلى الجيش التشادي.",
        cast={"تونس": TUNISIA, "فرنسا": FRANCE, "تركيا": TURKEY, "الجيش التشادي": CHAD_ARMY},
    )
    training = only(found, "military_training")
    assert keys(training.agents) == {TUNISIA.key, FRANCE.key}
    arms = only(found, "arms_supply")
    assert keys(arms.agents) == {TURKEY.key}
    assert keys(arms.targets) == {CHAD_ARMY.key}


def test_a_belief_about_the_planes_reaches_into_the_clause_it_opens():
    # يعتقد governs the clause its أن opens: the strike is only believed to be Turkish
    a = only(actions_of(
        "وذكرت مصادر محلية أن طائرات حربية يعتقد أنها تركية شنت غارات على مواقع قرب مصراتة.",
        cast={"تركيا": TURKEY, "مصراتة": MISRATA},
    ), "airstrike")
    assert a.status == "alleged"
    assert keys(a.places) == {MISRATA.key}


def test_backing_someone_with_weapons_is_arms_supply():
    a = only(actions_of(
        "وقررت إيطاليا دعم الجيش التشادي بالأسلحة الخفيفة والذخائر.",
        cast={"إيطاليا": ITALY, "الجيش التشادي": CHAD_ARMY},
    ), "arms_supply")
    assert keys(a.agents) == {ITALY.key}
    assert keys(a.targets) == {CHAD_ARMY.key}


def test_a_titled_accuser_is_not_the_accused_agent():
    # اتهم الوزير فلان دولة X ب...: فلان accuses, X is the alleged supplier
    accuser = ref("new:Person:سالم الورفلي", "Person", "سالم الورفلي")
    a = only(actions_of(
        "واتهم الوزير سالم الورفلي دولة تركيا بتزويد الجيش التشادي بالأسلحة.",
        cast={"سالم الورفلي": accuser, "تركيا": TURKEY, "الجيش التشادي": CHAD_ARMY},
    ), "arms_supply")
    assert keys(a.agents) == {TURKEY.key}
    assert a.status == "alleged"
