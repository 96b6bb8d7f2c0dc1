/* safety/redflag_rules.c: the emergency lexicon and rules, in English,
 * Chinese and Vietnamese.
 *
 * Written from the categories (what an emergency department triage nurse
 * would act on), not from the test set. Each concept lists its phrasings
 * per language; Chinese is written in simplified characters (the text is
 * folded to simplified before matching, so traditional input matches too)
 * and Vietnamese with its accents (input typed without accents matches
 * them). Pattern syntax: see struct rf_lex in internal.h. Keep phrases
 * specific: "arm" (not "arm*") so that "my arms feel weak" after the flu
 * does not read as one-sided weakness; "fainted" (not "faint*") so that "a
 * faint line" does not read as a faint.
 *
 * Prefer a word class (redflag_classes.c) to a list of pairs: "@ingest _3
 * @household_poison" rather than one pattern per verb and substance.
 *
 * To add a phrasing: put it under its concept and language, add a labelled
 * sentence that needs it to tests/data/safety/redflag.tsv, and run
 * `sh bench/safety_eval.sh` to see that nothing else moved.
 */
#include <stddef.h>

#include "safety/internal.h"
#include "safety/redflag.h"

const struct rf_concept_info rf_concepts[C_NCONCEPTS] = {
        [C_NONE] = {"none", 0, C_NONE},
        [C_CHEST_PAIN] = {"chest_pain", 0, C_NONE},
        [C_CHEST_SEVERE] = {"chest_pain_severe", 0, C_NONE},
        [C_BREATHLESS] = {"breath", 0, C_NONE},
        [C_CANT_BREATHE] = {"cannot_breathe", 0, C_NONE},
        [C_RADIATE] = {"radiating", 0, C_NONE},
        [C_COLD_SWEAT] = {"cold_sweat", 0, C_NONE},
        [C_HEART_ATTACK] = {"heart_attack", RF_EVENT, C_NONE},
        [C_FACE_DROOP] = {"face_droop", RF_EVENT | RF_RESIDUAL, C_NONE},
        [C_ARM_WEAK] = {"one_side_weak", RF_EVENT | RF_RESIDUAL, C_NONE},
        [C_SPEECH] = {"speech", RF_EVENT | RF_RESIDUAL, C_NONE},
        [C_NUMB_SIDE] = {"one_side_numb", RF_EVENT | RF_RESIDUAL, C_NONE},
        [C_STROKE] = {"stroke", RF_EVENT, C_NONE},
        [C_THUNDER_HEADACHE] = {"thunderclap_headache", 0, C_NONE},
        [C_VISION_LOSS] = {"vision_loss", 0, C_NONE},
        [C_VOMIT_BLOOD] = {"vomit_blood", 0, C_NONE},
        [C_BLACK_STOOL] = {"black_stool", 0, C_NONE},
        [C_COUGH_BLOOD] = {"cough_blood", 0, C_NONE},
        [C_HEAVY_BLEED] = {"heavy_bleeding", 0, C_NONE},
        [C_FAINT] = {"unconscious", 0, C_DIZZY},
        [C_CONFUSION] = {"confusion", 0, C_NONE},
        [C_SUICIDE] = {"suicide", RF_KEEP_HIST | RF_KEEP_FUTURE | RF_EVENT,
                       C_NONE},
        [C_POISON] = {"poisoning", RF_KEEP_FINE, C_NONE},
        [C_CHILD] = {"child", RF_KEEP_FINE, C_NONE},
        [C_NEWBORN] = {"newborn", 0, C_NONE},
        [C_FEVER] = {"fever", 0, C_NONE},
        [C_LETHARGY] = {"lethargy", 0, C_NONE},
        [C_STIFF_NECK] = {"stiff_neck", 0, C_NONE},
        [C_RASH_PURPLE] = {"purple_rash", 0, C_NONE},
        [C_THROAT_SWELL] = {"throat_swelling", 0, C_NONE},
        [C_ANAPHYLAXIS] = {"anaphylaxis", 0, C_NONE},
        [C_ALLERGY] = {"allergy", 0, C_NONE},
        [C_SEIZURE] = {"seizure", 0, C_NONE},
        [C_SEIZURE_LONG] = {"seizure_long", 0, C_NONE},
        [C_SEIZURE_NOW] = {"seizure_now", 0, C_NONE},
        [C_HEAD_INJURY] = {"head_injury", 0, C_NONE},
        [C_VOMIT] = {"vomit", 0, C_NONE},
        [C_HEAD_SIGN] = {"head_injury_sign", 0, C_NONE},
        [C_DIZZY] = {"dizzy", 0, C_NONE},
        [C_SEVERITY] = {"severe", 0, C_NONE},
        [C_SWALLOW] = {"cannot_swallow", 0, C_NONE},
        [C_BENIGN_DARK_STOOL] = {"benign_dark_stool", RF_KEEP_HIST, C_NONE},
        [C_CHEST_WALL] = {"chest_wall", 0, C_NONE},
        [C_MENSTRUAL] = {"menstrual", 0, C_NONE},
        [C_PREGNANT] = {"pregnant", RF_KEEP_HIST, C_NONE},
        [C_VOICE] = {"voice", 0, C_NONE},
        [C_INFANT] = {"infant", RF_KEEP_FINE, C_NONE},
        [C_INFANT_DANGER] = {"infant_danger", 0, C_NONE},
        [C_CHEMO] = {"chemotherapy", RF_KEEP_HIST, C_NONE},
        [C_DKA] = {"ketoacidosis", 0, C_NONE},
        [C_RISK] = {"cardiac_risk", RF_KEEP_HIST, C_NONE},
        [C_EXERTION] = {"exertion", RF_KEEP_HIST, C_NONE},
        [C_NAUSEA] = {"nausea", 0, C_NONE},
        [C_BURN] = {"burn", 0, C_NONE},
        [C_BURN_BAD] = {"burn_bad", 0, C_NONE},
        [C_BURN_SEVERE] = {"burn_severe", 0, C_NONE},
        [C_BURN_MINOR] = {"burn_minor", 0, C_NONE},
        [C_INGEST_MED] = {"ingest_medicine", RF_KEEP_FINE, C_NONE},
        [C_DESPAIR] = {"despair", RF_KEEP_FUTURE, C_NONE},
        [C_MEANS] = {"suicide_means", RF_KEEP_HIST | RF_KEEP_FUTURE, C_NONE},
        [C_MEDS_ANY] = {"medicine", RF_KEEP_FUTURE, C_NONE},
        [C_OD_COUNT] = {"count_taken", RF_KEEP_FINE, C_NONE},
        [C_DOSE_ERR] = {"dose_error", 0, C_NONE},
        [C_HIVES] = {"hives", 0, C_NONE},
        [C_FUMES] = {"fumes", 0, C_NONE},
        [C_HEADACHE] = {"headache", 0, C_NONE},
        [C_WORST] = {"worst_ever", RF_KEEP_FUTURE, C_NONE},
        [C_ABD_PAIN] = {"abdominal_pain", 0, C_NONE},
        [C_ABD_SEVERE] = {"abdominal_severe", 0, C_NONE},
        [C_VAG_BLEED] = {"bleeding_any", 0, C_NONE},
        [C_TRAUMA] = {"trauma", 0, C_NONE},
        [C_FETAL_LESS] = {"fetal_movements", 0, C_NONE},
        [C_BP_HIGH] = {"bp_high", 0, C_NONE},
        [C_BP_LOW] = {"bp_low", 0, C_NONE},
        [C_VISUAL] = {"visual", 0, C_NONE},
        [C_SHOULDER_TIP] = {"shoulder_tip", 0, C_NONE},
        [C_TESTIS] = {"testicle", 0, C_NONE},
        [C_EYE_CHEM] = {"eye_chemical", RF_KEEP_FINE, C_NONE},
        [C_DROWN] = {"drowning", RF_KEEP_FINE | RF_KEEP_FUTURE, C_NONE},
        [C_ELECTRIC] = {"electric_shock", RF_KEEP_FINE | RF_KEEP_FUTURE,
                        C_NONE},
        [C_PALPITATION] = {"palpitation", 0, C_NONE},
        [C_HEAT] = {"heat", 0, C_NONE},
        [C_NO_SWEAT] = {"no_sweat", 0, C_NONE},
        [C_ALTERED] = {"altered", 0, C_NONE},
        [C_ANTICOAG] = {"anticoagulant", RF_KEEP_HIST, C_NONE},
        [C_GLU_LOW] = {"glucose_low", 0, C_NONE},
        [C_GLU_HIGH] = {"glucose_high", 0, C_NONE},
        [C_DIAB_MED] = {"diabetes_medicine", RF_KEEP_HIST, C_NONE},
        [C_INFECTION] = {"infection", RF_KEEP_HIST, C_NONE},
        [C_POSTOP] = {"after_operation", RF_KEEP_HIST, C_NONE},
        [C_SEPSIS_SIGN] = {"sepsis_sign", 0, C_NONE},
        [C_PESTICIDE] = {"pesticide", RF_KEEP_FINE, C_NONE},
        [C_CHOLINERGIC] = {"cholinergic", 0, C_NONE},
        [C_AMPUTATION] = {"amputation", 0, C_NONE},
        [C_DOOM] = {"doom", 0, C_NONE},
        [C_BURN_AIRWAY] = {"burn_airway", 0, C_NONE},
        [C_INFANT_DRY] = {"dehydration", 0, C_NONE},
        [C_TACHY] = {"heart_rate_high", 0, C_NONE},
        [C_HEATER] = {"gas_heater", RF_KEEP_FINE, C_NONE},
        [C_CLOSED_ROOM] = {"closed_room", RF_KEEP_FINE, C_NONE},
        [C_CHOKE] = {"choked", RF_KEEP_FINE, C_NONE},
        [C_COLD_BODY] = {"cold_body", 0, C_NONE},
        [C_FAREWELL] = {"farewell", RF_KEEP_FUTURE, C_NONE},
        [C_UNREACHABLE] = {"unreachable", 0, C_NONE},
        [C_EPI_USED] = {"adrenaline_given", RF_KEEP_FINE, C_NONE},
        [C_NITRO] = {"nitroglycerin", RF_KEEP_FINE, C_NONE},
        [C_ONE_PILL] = {"one_pill_drug", RF_KEEP_FINE, C_NONE},
        [C_SWALLOW_N] = {"swallowed_count", RF_KEEP_FINE, C_NONE},
};

#define CONCEPT(c, p)                                                          \
	{                                                                      \
		RF_CONCEPT, (c), 0, (p)                                        \
	}
#define CUE(k, w, p)                                                           \
	{                                                                      \
		(k), C_NONE, (w), (p)                                          \
	}

const struct rf_lex rf_lexicon[] = {
        /* ---- heart ---- */
        CONCEPT(C_CHEST_PAIN,
                "chest pain*|chest hurt*|chest ache*|chest tight*|"
                "tight* _2 chest|chest pressure|pressure _5 chest|"
                "pain* _6 chest|ache _4 chest|chest _3 hurt*|chest _3 pain*|"
                "chest _2 tight*|heavy chest|heaviness _3 chest|"
                "chest _2 heavy|chest discomfort|discomfort _3 chest|"
                "squeez* _3 chest|chest _3 squeez*|angina|"
                "stabbing _3 chest|chest _3 stabbing|clutch* _3 chest|"
                "holding _2 chest|grabbing _2 chest|heavy _3 chest|"
                "chest _3 killing me|chest _2 on fire"),
        CONCEPT(C_CHEST_PAIN,
                "胸痛|胸 _3 痛|胸 _3 疼|胸闷|胸 _2 闷|胸口 _2 紧|胸口 _3 压|"
                "心绞痛|心口 _2 痛|心口 _2 疼|胸 _2 不适|胸口 _2 不舒服|"
                "胸 _2 刺痛|胸 _2 憋|chest _2 @cn_chest_feel|"
                "@cn_chest _6 压住 _4 痛|@cn_chest _2 像 _6 @cn_chest_feel"),
        CONCEPT(C_CHEST_PAIN,
                "đau ngực|tức ngực|nặng ngực|thắt ngực|đau _3 ngực|"
                "ngực _2 đau|ngực _2 tức|đè ép _2 ngực|khó chịu _2 ngực|"
                "nhói _2 ngực|ngực _2 nhói|bóp nghẹt _2 ngực"),
        CONCEPT(C_CHEST_PAIN,
                "pain* _5 breastbone|breastbone _3 pain*|"
                "breastbone _3 hurt*|pain* _5 sternum|sternum _3 pain*|"
                "chest _2 sore|sore chest|chest _4 agony|"
                "chest _3 burning _3 arm|胸骨 _4 痛|胸骨 _4 疼|胸前 _3 痛|胸前 "
                "_3 疼|"
                "心前区 _3 痛|胸部 _3 痛|胸口 _3 难受|胸 _3 绞痛|đau _3 xương "
                "ức|"
                "xương ức _3 đau|tức _2 ngực|đau _2 vùng tim|"
                "vùng ngực _3 đau"),
        CONCEPT(C_CHEST_PAIN,
                "tight* _4 chest|band _3 chest|band around _2 chest|"
                "vice _3 chest"),
        CONCEPT(C_CHEST_PAIN,
                "chest _3 ach*|ngực _3 đè|ngực bị đè|đè nặng _2 ngực|"
                "ngực _3 nặng|ngực _3 thắt|ngực _3 nhói"),
        CONCEPT(C_CHEST_SEVERE,
                "crushing _3 chest|chest _3 crushing|crushing pain|"
                "severe chest|severe _3 chest pain*|sudden chest|"
                "sudden* _3 chest pain*|worst chest|elephant _4 chest|"
                "tearing _3 chest|chest pain* _3 unbearable|"
                "unbearable chest|excruciating chest"),
        CONCEPT(C_CHEST_SEVERE,
                "胸 _2 剧痛|剧烈 _2 胸 _2 痛|剧烈 _2 胸闷|突然 _3 胸 _2 痛|"
                "胸 _3 痛 _2 剧烈|胸口 _2 像 _5 压|撕裂 _3 胸|"
                "胸 _3 痛得 _3 受不了|胸 _3 痛得 _3 厉害"),
        CONCEPT(C_CHEST_SEVERE,
                "đau ngực _2 dữ dội|đau _2 ngực _2 dữ dội|"
                "đột ngột _3 đau ngực|đột nhiên _3 đau ngực|"
                "đau ngực _2 đột ngột|đè _3 ngực|ngực _3 như _2 đè|"
                "đau ngực _3 không chịu nổi|đau thắt ngực dữ dội"),
        CONCEPT(C_CHEST_SEVERE,
                "chest _6 tearing|chest _6 ripping|tearing pain|"
                "ripping pain|chest pain* _4 10 out of 10|"
                "chest _4 excruciating|chest _4 unbearable|"
                "worst pain _4 chest|胸 _4 撕裂|胸 _4 刀割|胸 _4 剧烈|痛得 _4 "
                "胸|"
                "đau ngực _4 không chịu nổi|đau ngực _4 kinh khủng|"
                "đau ngực _4 như xé|đau _3 ngực _3 như dao đâm"),
        CONCEPT(C_BREATHLESS,
                "short of breath|shortness of breath|breathless*|"
                "out of breath|hard to breathe|hard time breathing|"
                "difficult* breathing|difficult* _2 breath*|"
                "trouble breathing|problems breathing|struggl* _2 breath*|"
                "catch _2 breath|get _2 breath|breathing _3 hard|"
                "breathing _3 difficult|gasping|laboured breathing|"
                "labored breathing|dyspn*|winded|breathing _2 fast|"
                "breathing is _2 heavy|can't breathe properly"),
        CONCEPT(C_BREATHLESS,
                "气短|气促|喘不过气|喘不上气|上不来气|透不过气|喘不过来|"
                "呼吸困难|呼吸 _2 困难|呼吸急促|呼吸 _2 急促|呼吸不畅|"
                "呼吸不顺|憋气|吸不到气|吸不上气|喘气困难|喘得厉害|"
                "呼吸 _2 费力|气喘吁吁|呼吸 _2 不过来|上气不接下气|"
                "喘 _2 厉害"),
        CONCEPT(C_BREATHLESS,
                "khó thở|thở dốc|hụt hơi|thở gấp|thở hổn hển|"
                "thở _2 khó khăn|khó _2 thở|ngộp thở|tức thở|"
                "hơi thở _2 gấp|thở không ra hơi|hết hơi|thở nặng nhọc"),
        CONCEPT(C_BREATHLESS,
                "breathing _4 hard|hard _3 breathe|"
                "can't _2 breathe _3 properly|wheez* _3 can't|panting|"
                "呼吸 _4 困难|呼吸 _4 急促|喘 _3 "
                "厉害|呼吸很喘|很喘|喘得|喘不过|憋得慌|透不过|"
                "thở _4 khó|thở _3 gấp|thở _3 dốc|thở không nổi|"
                "thở _3 khò khè|khó _3 thở"),
        CONCEPT(C_BREATHLESS, "wheez*|khò khè|喘鸣|哮鸣"),
        CONCEPT(C_CANT_BREATHE,
                "can't breathe|cannot breathe|can not breathe|cant breathe|"
                "couldn't breathe|unable to breathe|not breathing|"
                "stopped breathing|isn't breathing|stop breathing|"
                "barely breathe|hardly breathe|gasping for air|"
                "gasping for breath|choking|lips _3 blue|blue lips|"
                "turn* blue|face _3 blue|suffocat*|can't get any air|"
                "no air|not able to breathe"),
        CONCEPT(C_CANT_BREATHE,
                "不能呼吸|无法呼吸|没法呼吸|喘不了气|停止呼吸|呼吸停止|"
                "没有呼吸了|没呼吸了|没有了呼吸|已经没有呼吸|"
                "没有呼吸心跳|嘴唇 _2 紫|嘴唇 _2 发青|脸 _2 发紫|"
                "窒息|噎住|卡住 _3 喉咙|呼吸 _2 不了|快 _2 憋死"),
        CONCEPT(C_CANT_BREATHE,
                "không thở được|thở không được|không thể thở|ngừng thở|"
                "tắt thở|ngưng thở|môi tím|tím tái|tím môi|mặt _2 tím|"
                "ngạt thở|nghẹt thở|bị hóc|hóc xương|hóc _2 hạt|hóc dị vật|"
                "hóc _2 thức ăn|hóc kẹo|mắc nghẹn|không thở nổi|"
                "thở không nổi|không _2 thở được"),
        CONCEPT(C_CANT_BREATHE,
                "struggling to breathe _3 lips|lips _4 blue|turned blue|"
                "turning grey|turning gray|can't breathe _3 at all|"
                "can't get air|not getting air|fighting for breath|嘴唇 _4 紫|"
                "嘴唇 _4 青|脸 _4 紫|脸 _4 青|喘不上来气 _3 紫|憋得 _3 紫|憋得 "
                "_3 青|"
                "透不过气 _3 要死|môi _4 tím|mặt _4 tím|tím _3 môi|"
                "thở _3 không nổi|không _2 thở _2 được"),
        CONCEPT(C_CANT_BREATHE,
                "blue around _2 mouth|blue _3 mouth|grunting|"
                "ribs _4 suck* in|sucking in _3 ribs|retraction*|"
                "nostrils flaring|chest _3 sucking in|鼻翼扇动|三凹征|口唇 _2 "
                "紫|"
                "thở rút lõm|rút lõm lồng ngực|cánh mũi phập phồng"),
        CONCEPT(C_RADIATE,
                "spread* _4 arm|spread* _4 jaw|spread* _4 shoulder|"
                "radiat* _4 arm|radiat* _4 jaw|radiat* _4 shoulder|"
                "radiat* _4 back|going down _3 arm|down _2 left arm|"
                "into _2 jaw|to _2 jaw|left arm _3 pain*|pain* _3 left arm|"
                "jaw pain|left arm _3 hurt*|shoots _4 arm"),
        CONCEPT(C_RADIATE,
                "放射 _4 臂|放射 _4 左|放射 _4 下巴|放射 _4 肩|"
                "蔓延 _4 臂|蔓延 _4 下巴|传到 _3 左|传到 _3 下巴|"
                "左 _2 臂 _2 痛|左 _2 手臂 _2 痛|左肩 _2 痛|下巴 _2 痛|"
                "牵扯到 _3 左|连着 _3 左|@cn_spread _2 @cn_radiate_to"),
        CONCEPT(C_RADIATE, "lan ra _2 tay|lan xuống _2 tay|lan lên _2 hàm|"
                           "lan _3 vai|lan _3 cánh tay|đau _2 tay trái|đau hàm|"
                           "lan _3 tay trái|lan ra sau lưng"),
        CONCEPT(C_RADIATE,
                "left shoulder _4 hurt*|left shoulder _4 pain*|"
                "left shoulder _4 ach*|shoulder and arm _2 hurt*|"
                "left arm _4 numb*|left arm _4 tingl*|左手 _3 麻|左臂 _3 麻|"
                "手臂 _3 麻|tay trái _3 tê|vai trái _3 đau"),
        CONCEPT(C_COLD_SWEAT,
                "cold sweat*|sweating _3 profusely|drenched in sweat|"
                "sweating a lot|clammy|break* out in _2 sweat|"
                "broke out in _2 sweat|sweating heavily|sweating buckets|"
                "pouring sweat|soaked in sweat|sweating|sweaty|sweats"),
        CONCEPT(C_COLD_SWEAT, "冷汗|大汗淋漓|大汗|一身汗|满头大汗|直冒汗|"
                              "出 _2 @cn_lot 汗|一直 _2 出汗|冒 _2 汗"),
        CONCEPT(C_COLD_SWEAT,
                "vã mồ hôi|toát mồ hôi|mồ hôi lạnh|đổ mồ hôi _2 nhiều|"
                "ướt đẫm mồ hôi|mồ hôi _2 đầm đìa"),
        CONCEPT(C_COLD_SWEAT,
                "冒汗|直冒汗|出汗|一身汗|全身冒汗|大汗|脸色 _2 白|脸色 _2 "
                "苍白|mồ hôi _3 lạnh|"
                "vã _2 mồ hôi|đổ _2 mồ hôi|toát _2 mồ hôi|pale _2 sweaty|"
                "grey _2 sweaty|gray _2 sweaty"),
        CONCEPT(C_HEART_ATTACK, "having a heart attack|having heart attack|"
                                "heart attack _2 now|think _4 heart attack|"
                                "cardiac arrest|heart _2 stopped|no pulse|"
                                "is this a heart attack"),
        CONCEPT(C_HEART_ATTACK,
                "心脏病发作|心脏病 _2 发|心梗发作|心肌梗塞发作|急性心梗|"
                "急性心肌梗|心跳停止|心脏骤停|没有心跳|没了心跳|"
                "心跳 _2 停了"),
        CONCEPT(C_HEART_ATTACK, "lên cơn đau tim|đang _2 nhồi máu cơ tim|"
                                "nhồi máu cơ tim cấp|ngừng tim|tim ngừng đập|"
                                "đau tim cấp|đang _2 đau tim|ngưng tim"),

        /* ---- stroke ---- */
        CONCEPT(C_FACE_DROOP,
                "face _3 droop*|droop* _4 face|droop* _3 mouth|"
                "mouth _3 droop*|face _3 sag*|sag* _3 face|"
                "face _3 paraly*|facial paraly*|facial droop*|"
                "face _2 lopsided|lopsided _2 face|crooked smile|"
                "uneven smile|smile _3 uneven|smile _3 crooked|"
                "smile _3 lopsided|mouth _3 crooked|"
                "one side of _2 face _3 droop*|eyelid _3 droop* _3 sudden*"),
        CONCEPT(C_FACE_DROOP,
                "口角歪斜|口眼歪斜|嘴 _3 歪|嘴角 _2 歪|脸 _3 歪|"
                "面部歪斜|嘴角 _2 下垂|脸 _3 下垂|面瘫|口角 _2 歪|"
                "一侧脸 _2 下垂|半边脸 _3 下垂|面部 _2 瘫"),
        CONCEPT(C_FACE_DROOP,
                "méo miệng|miệng _3 méo|méo mặt|lệch mặt|mặt _3 lệch|"
                "miệng _3 lệch|xệ _2 mặt|mặt _3 xệ|xệ miệng|miệng _3 xệ|"
                "liệt mặt|liệt _2 mặt|méo _2 miệng|lệch miệng|"
                "mặt _3 méo|méo xệch"),
        CONCEPT(C_FACE_DROOP,
                "mouth _3 droopy|droopy _2 mouth|droopy _2 face|"
                "face _3 droopy|face _3 uneven|dribbling _3 one side|"
                "drool* _3 one side|嘴角 _4 往下|嘴角 _4 掉|嘴角 _4 垂|脸 _4 "
                "垂|嘴 _4 偏|"
                "口角 _4 流口水|一边 _4 流口水|miệng _4 méo|chảy nước dãi _3 "
                "một bên|"
                "mặt _4 méo"),
        CONCEPT(C_FACE_DROOP,
                "can't smile|cannot smile|unable to smile|"
                "corner of _2 mouth _3 down|mouth _3 down _3 one side|"
                "corner _4 droop*|smile _3 one sided|không cười được|"
                "cười _3 méo|笑 _3 歪|不能笑"),
        CONCEPT(C_ARM_WEAK,
                "arm _3 weak*|weak* _4 arm|weak* _2 leg|leg _3 weak*|"
                "can't lift _3 arm|cannot lift _3 arm|unable to lift _3 arm|"
                "can't raise _3 arm|can't move _3 arm|can't move _3 leg|"
                "cannot move _3 arm|cannot move _3 leg|"
                "one side of _2 body _3 weak*|one side of _2 body _3 paraly*|"
                "left side _3 weak*|right side _3 weak*|"
                "weak* _3 left side|weak* _3 right side|weak* _3 one side|"
                "hemipleg*|paralys* _3 one side|paralyz* _3 one side|"
                "paralys* _3 left|paralys* _3 right|paralyz* _3 left|"
                "paralyz* _3 right|suddenly paraly*|"
                "lost _2 strength _4 arm|lost _2 use _4 arm|"
                "arm _3 gave way|arm _3 went dead|arm _3 limp|"
                "keeps dropping things|dropping things"),
        CONCEPT(C_ARM_WEAK,
                "手臂 _2 无力|手 _3 无力|一侧 _3 无力|单侧 _3 无力|"
                "左侧 _3 无力|右侧 _3 无力|半边 _5 无力|半边 _5 动不了|"
                "手 _3 没力|半边 _5 没力|拿不住|"
                "半身不遂|偏瘫|肢体无力|手 _3 抬不起|手臂 _3 抬不起|"
                "举不起来|拿不住 _2 东西|手 _3 动不了|腿 _3 动不了|"
                "一边 _3 无力|一边 _3 动不了|突然 _3 瘫"),
        CONCEPT(C_ARM_WEAK,
                "yếu tay|yếu _2 tay|tay _3 yếu|yếu nửa người|"
                "liệt nửa người|yếu một bên|liệt _2 tay|liệt _2 chân|"
                "không nhấc _3 tay|không nhấc được tay|tay _3 không cử động|"
                "nửa người _3 yếu|nửa người _3 liệt|yếu liệt|"
                "không cầm _2 được _2 đồ|yếu _2 chân _2 một bên|"
                "một bên _3 yếu|một bên _3 liệt|chân tay _3 yếu một bên"),
        CONCEPT(C_ARM_WEAK,
                "hand _3 useless|arm _3 useless|leg _3 useless|"
                "hand _3 weak*|weak* _3 hand|can't move _4 side|"
                "cannot move _4 side|unable to move _4 side|"
                "can't move _3 hand|can't grip|cannot grip|"
                "can't hold _3 cup|side of _2 body _4 weak*|"
                "side of _2 body _4 heavy|side of _2 body _4 dead|"
                "side of _2 body _4 paraly*|side of _2 body _5 won't|"
                "leg _3 gave way _3 one side|arm _3 heavy _3 "
                "can't|拿不起|抬不起|"
                "手 _4 没力|脚 _4 没力|腿 _4 没力|半边 _5 不能动|一侧 _5 "
                "不能动|一边 _5 不能动|"
                "手 _5 不听使唤|腿 _5 不听使唤|tay _3 yếu hẳn|tay _4 không cầm|"
                "chân _4 không đi|nửa người _4 không cử động|"
                "một bên _4 không cử động|không cử động _3 một bên|"
                "tay _3 bủn rủn|tay _4 không nhấc"),
        CONCEPT(C_SPEECH,
                "slur*|speech _3 slurred|can't speak|cannot speak|"
                "unable to speak|can't talk|cannot talk|trouble speaking|"
                "difficulty speaking|trouble talking|words _3 jumbled|"
                "garbled|can't get _2 words out|speaking gibberish|"
                "talking gibberish|speech _3 strange|speech _3 slow|"
                "words _3 wrong|can't find _2 words|can't form words"),
        CONCEPT(C_SPEECH, "口齿不清|说话 _2 不清|讲话 _2 不清|讲话 _2 含糊|"
                          "说话 _2 含糊|吐字不清|言语不清|说不出话|讲不出话|"
                          "说不了话|不能说话|不会说话了|话说不清|舌头 _2 不灵|"
                          "大舌头|口齿含糊|说话 _2 不利索|说话 _2 困难|"
                          "说不清楚话|说话 _2 不清楚"),
        CONCEPT(C_SPEECH,
                "nói ngọng|nói đớ|nói khó|nói không rõ|"
                "nói không ra tiếng|không nói được|nói _2 không rõ|"
                "líu lưỡi|nói lơ lớ|nói lắp bắp|nói ú ớ|cứng lưỡi|"
                "nói không ra lời|không thể nói|nói _2 không thành lời|"
                "nói _2 khó khăn|đớ lưỡi|nói _2 ngọng"),
        CONCEPT(C_SPEECH,
                "speech _4 sense|speech _3 strange|speech _3 weird|"
                "speech _3 odd|speech _3 confused|speech _3 garbled|"
                "speaking _3 strange*|talking _3 strange*|words _3 slurr*|"
                "can't _2 words out|can't say _2 words|"
                "trouble finding words|mumbling|说话 _4 含糊|说话 _4 不清|讲话 "
                "_4 不清|"
                "讲话 _4 含糊|口齿 _3 不清|说话 _4 不利索|说话 _4 奇怪|说不出 "
                "_2 话|话 _3 说不清|"
                "说话 _4 大舌头|nói _4 không rõ|nói _4 lắp|nói _4 ngọng|"
                "nói _3 khó hiểu|không nói _2 được|nói _3 không ra"),
        CONCEPT(C_SPEECH,
                "mixing up _2 words|words _3 mixed up|confusing _2 words|"
                "wrong words|saying _2 wrong words|听不懂 _3 说|听不懂 _3 讲|"
                "说话 _4 奇怪|讲话 _4 奇怪|说的话 _3 听不懂|nói _3 không hiểu "
                "được|"
                "nói _3 lộn xộn"),
        CONCEPT(C_NUMB_SIDE,
                "numb* _4 one side|one side _4 numb*|"
                "half _3 body _3 numb*|half _3 face _3 numb*|"
                "numb* _3 half _2 body|numb* _3 half _2 face|"
                "sudden* numb*|sudden* _3 numb*|face _3 numb|numb face|"
                "tingling _3 one side|left side _3 numb*|"
                "right side _3 numb*|numb* _3 left side|"
                "numb* _3 right side|arm and leg _3 numb*|"
                "numb* _3 arm and leg|can't feel _3 one side|"
                "can't feel _3 face|can't feel _3 arm|can't feel _3 leg"),
        CONCEPT(C_NUMB_SIDE,
                "半边 _5 麻|半身麻木|一侧 _3 麻|单侧 _3 麻|左侧 _3 麻|"
                "右侧 _3 麻|突然 _3 麻|脸 _2 麻|面部 _2 麻|一边 _3 麻|"
                "半边 _3 没有知觉|半边 _3 没知觉"),
        CONCEPT(C_NUMB_SIDE, "tê nửa người|tê _2 nửa người|tê một bên|"
                             "nửa người _3 tê|một bên _3 tê|tê _3 một bên|"
                             "đột nhiên _3 tê|đột ngột _3 tê|tê mặt|mặt _3 tê|"
                             "mất cảm giác _3 một bên|tê bì _3 nửa người"),
        CONCEPT(C_STROKE, "stroke|having a stroke|mini stroke|"
                          "transient ischemic|transient ischaemic"),
        CONCEPT(C_STROKE, "中风|脑中风|脑卒中|卒中|脑梗|脑梗塞|脑出血|脑溢血|"
                          "脑血管意外"),
        CONCEPT(C_STROKE, "đột quỵ|tai biến|tai biến mạch máu não|nhồi máu não|"
                          "xuất huyết não|đột quị"),
        CONCEPT(C_THUNDER_HEADACHE,
                "worst headache|worst _3 headache|thunderclap|"
                "sudden* severe headache|sudden* _3 severe headache|"
                "severe headache _3 sudden*|head _3 explod* _4 @onset|"
                "@onset _6 head _3 explod*|"
                "exploding headache|sudden* _3 excruciating headache|"
                "headache _4 worst"),
        CONCEPT(C_THUNDER_HEADACHE,
                "突然 _3 剧烈 _2 头痛|突然 _3 头 _2 剧痛|爆炸 _2 头痛|"
                "头 _2 炸开|一生中 _4 头痛|从未有过 _3 头痛|"
                "前所未有 _3 头痛|头 _2 像 _3 炸|突发 _3 剧烈头痛|"
                "突然 _3 头痛 _3 剧烈"),
        CONCEPT(C_THUNDER_HEADACHE,
                "đau đầu dữ dội _2 đột ngột|đột ngột _3 đau đầu dữ dội|"
                "đột nhiên _3 đau đầu dữ dội|đau đầu _3 chưa từng có|"
                "đau đầu _3 tồi tệ nhất|đầu _3 như _2 nổ tung|"
                "đau đầu _2 như _2 muốn nổ"),
        CONCEPT(C_THUNDER_HEADACHE,
                "terrible headache _3 sudden*|sudden* _4 terrible headache|"
                "sudden* _4 headache _3 worst|突然 _4 头 _3 痛得|突然 _4 头痛 "
                "_4 厉害|"
                "đột ngột _4 đau đầu _3 dữ dội"),
        CONCEPT(C_HEADACHE,
                "headache*|head _3 hurt*|head _3 pain*|head _3 pounding|"
                "头痛|头疼|头 _3 痛|头 _3 疼|头 _3 炸|"
                "đau đầu|nhức đầu|đầu _3 đau|đau _2 đầu"),
        CONCEPT(C_WORST,
                "worst _3 ever|worst _3 of my life|worst _3 in my life|"
                "never had _4 like this|never felt _4 like this|"
                "这辈子 _2 最|最痛的一次|从来没有这么痛|从没 _2 这么痛|"
                "有生以来 _3 最|chưa bao giờ đau _2 vậy|"
                "chưa bao giờ _2 đau _3 như vậy|chưa từng đau _3 như|"
                "đau nhất _3 đời|chưa bao giờ đau _2 như thế"),
        CONCEPT(C_VISION_LOSS,
                "sudden* _3 lost _2 vision|sudden* _3 loss of _2 vision|"
                "sudden* _3 vision loss|sudden* _2 blind*|went blind|"
                "lost _2 vision _3 sudden*|sudden* _3 can't see|"
                "vision _3 went black|sudden* _3 double vision"),
        CONCEPT(C_VISION_LOSS,
                "突然 _3 看不见|突然失明|突然 _2 看不清|一只眼 _3 看不见|"
                "突然 _3 失明|视力 _2 突然 _3 丧失|突然 _3 重影"),
        CONCEPT(C_VISION_LOSS,
                "đột nhiên _3 không nhìn thấy|đột ngột _3 mất thị lực|"
                "đột nhiên _2 mù|mất thị lực đột ngột|"
                "đột nhiên _3 không thấy gì|đột ngột _3 không nhìn thấy|"
                "đột nhiên _3 mất thị lực"),
        CONCEPT(C_VISION_LOSS,
                "sudden* _4 can't see|can't see out of|lost _2 sight|"
                "sudden* _3 blind*|突然 _4 看不见|突然 _4 看不清|眼前 _2 "
                "一片黑|"
                "mắt _4 đột nhiên _4 không thấy|"
                "tự nhiên _4 không nhìn thấy"),

        /* ---- bleeding ---- */
        CONCEPT(C_VOMIT_BLOOD,
                "vomit* _3 blood|throw* up _3 blood|threw up _3 blood|"
                "blood _3 vomit*|coffee ground*|puk* _3 blood|"
                "hematemesis|haematemesis|vomit* _3 bloody|bloody vomit"),
        CONCEPT(C_VOMIT_BLOOD,
                "吐血|呕血|吐出 _2 血|呕吐物 _3 血|吐了 _3 血|吐 _1 血|"
                "咖啡色 _3 呕吐|呕吐 _3 咖啡|呕出 _2 血|吐 _2 鲜血|"
                "呕吐 _3 血"),
        CONCEPT(C_VOMIT_BLOOD, "nôn ra máu|ói ra máu|nôn máu|ói máu|nôn _3 máu|"
                               "ói _3 máu|mửa ra máu|thổ huyết|bã cà phê"),
        CONCEPT(C_VOMIT_BLOOD,
                "vomit* _6 blood|threw up _6 blood|throw* up _6 blood|"
                "vomit* _4 red|vomit* _4 black|吐出 _6 血|吐了 _6 血|吐 _6 "
                "血块|"
                "呕 _6 血|吐 _4 暗红|吐 _4 鲜红|nôn _5 máu|ói _5 máu|"
                "nôn _4 cục máu|nôn _3 đỏ"),
        CONCEPT(C_VOMIT_BLOOD,
                "vomit* _8 coffee|brown vomit|vomit* _4 dark brown|"
                "throw* up _6 coffee|呕吐 _6 咖啡|吐 _6 咖啡|nôn _6 bã cà phê|"
                "nôn _5 nâu đen"),
        CONCEPT(C_BLACK_STOOL,
                "black stool*|black _2 stool*|stool* _3 black|tarry|"
                "tar like|tar-like|melena|melaena|black poop*|"
                "poop* _3 black|black _2 poo*|black bowel movement*|"
                "black diarrh*|stool _3 like tar|dark _2 stool*|"
                "stool* _3 dark|black _2 feces|black _2 faeces"),
        CONCEPT(C_BLACK_STOOL,
                "黑便|柏油|大便 _3 黑|便 _2 黑色|拉 _3 黑 _2 便|排黑便|"
                "黑色 _2 便|解黑便|黑色大便|大便 _3 像柏油|粪便 _3 黑"),
        CONCEPT(C_BLACK_STOOL,
                "phân đen|phân _3 đen|đi cầu _3 đen|đại tiện _3 đen|"
                "phân _3 hắc ín|đi ngoài _3 đen|phân _2 như bã cà phê"),
        CONCEPT(C_BLACK_STOOL,
                "passing black|black _3 stool*|black _3 poo*|"
                "black _3 bowel|stool* _5 black|stool* _5 tar|大便 _5 黑|"
                "拉 _4 黑|便 _4 柏油|便 _4 沥青|沥青|phân _4 đen|đi ngoài _4 "
                "đen|"
                "đi cầu _4 đen|phân _4 hắc ín"),
        CONCEPT(C_COUGH_BLOOD,
                "cough* _3 blood|spit* up _2 blood|spitting blood|"
                "hemoptysis|haemoptysis|blood _3 when _2 cough*"),
        CONCEPT(C_COUGH_BLOOD, "咳血|咯血|咳嗽 _3 血|咳出 _3 血|咳 _2 血"),
        CONCEPT(C_COUGH_BLOOD,
                "ho ra máu|ho _3 máu|khạc ra máu|ho ra _2 máu|khạc _2 máu"),
        CONCEPT(C_COUGH_BLOOD, "cough* _5 blood|cough* _5 bloody|咳 _5 血|咳出 "
                               "_5 血|ho _5 máu|"
                               "khạc _4 máu"),
        CONCEPT(C_HEAVY_BLEED,
                "bleed* _3 won't stop|bleed* _3 will not stop|"
                "bleed* _3 doesn't stop|bleed* _3 not stop*|"
                "bleed* _3 hasn't stopped|won't stop bleeding|"
                "can't stop _3 bleeding|cannot stop _3 bleeding|"
                "bleeding heavily|heavy bleeding|bleed* _2 a lot|"
                "lots of blood|a lot of blood|severe bleeding|"
                "bleeding profusely|gushing _2 blood|spurting _2 blood|"
                "blood _3 spurting|blood _3 gushing|lost a lot of blood|"
                "blood everywhere|bleeding badly|bleeding _2 non stop|"
                "pool of blood|soak* _4 blood|heavily bleeding|"
                "bleeding _3 through _3 towel*|passing _2 clots"),
        CONCEPT(C_HEAVY_BLEED,
                "血流不止|出血不止|流血不止|止不住血|血止不住|"
                "血 _3 止不住|止不住 _2 流血|大出血|大量 _2 出血|"
                "大量 _2 血|出血 _3 很多|流了 _3 很多血|很多血|血 _2 喷|"
                "喷血|血 _2 一直流|一直 _2 流血|一直 _2 出血|"
                "血 _3 不停|出血 _2 不停|流血 _2 不停|一滩血"),
        CONCEPT(C_HEAVY_BLEED,
                "chảy máu không ngừng|chảy máu nhiều|chảy máu _3 không cầm|"
                "máu _3 không cầm được|không cầm được máu|"
                "cầm máu không được|mất nhiều máu|băng huyết|"
                "xuất huyết nặng|chảy _2 rất nhiều máu|chảy máu ồ ạt|"
                "máu chảy _2 nhiều|máu _2 phun|chảy máu liên tục|"
                "ra máu nhiều|ra huyết nhiều|máu _3 không ngừng|"
                "ra _2 rất nhiều máu|chảy máu _2 không dứt"),
        CONCEPT(C_HEAVY_BLEED,
                "blood _2 pouring|pouring _2 blood|blood _3 won't stop|"
                "blood _3 will not stop|blood _3 doesn't stop|"
                "blood _3 not stopping|blood _3 keeps _2 coming|"
                "streaming blood|blood _2 streaming|soaked _3 blood|"
                "soaking _3 blood|bleed* _4 won't stop|bleed* _4 keeps|"
                "bleeding _3 everywhere|large amount* of blood|"
                "huge amount* of blood|血 _4 止不住|血 _4 不停|流 _3 很多血|出 "
                "_3 很多血|"
                "大量 _3 血|血 _3 流 _3 停不下来|血 _4 涌|chảy máu _4 nhiều|"
                "chảy máu _4 rất nhiều|ra máu _4 nhiều|ra huyết _4 nhiều|"
                "máu _3 rất nhiều|máu _3 chảy _3 không ngừng|"
                "máu _3 không cầm|chảy máu _4 không cầm|máu _3 ướt đẫm"),
        CONCEPT(C_HEAVY_BLEED,
                "拉 _3 很多 _2 血|拉了 _2 一大 _3 血|拉 _4 鲜血|便血 _4 "
                "很多|大量便血|便血 _3 不止|"
                "đi ngoài ra _2 nhiều máu|đi cầu ra _2 nhiều máu|"
                "đi ngoài ra máu _3 nhiều|passing _3 lots of blood|"
                "lots of blood _4 toilet|toilet _4 full of blood"),

        /* ---- consciousness ---- */
        CONCEPT(C_FAINT, "fainted|fainting|faints|passed out|pass* out|"
                         "blacked out|black* out|lost consciousness|"
                         "lose consciousness|losing consciousness|"
                         "loss of consciousness|unconscious|unresponsive|"
                         "not responding|won't wake up|wont wake up|"
                         "can't wake _2 up|cannot wake _2 up|can't wake|"
                         "doesn't wake up|not waking up|won't wake|collapsed|"
                         "keeled over|syncope|fell unconscious|knocked out|"
                         "not responsive|no response"),
        CONCEPT(C_FAINT,
                "晕倒|昏倒|晕过去|昏过去|昏迷|不省人事|人事不省|失去意识|"
                "失去知觉|意识丧失|叫不醒|叫 _2 不醒|摇 _2 不醒|昏厥|晕厥|"
                "倒地不起|休克|叫 _3 没 _1 反应|喊 _3 没 _1 反应|"
                "拍 _3 没 _1 反应|毫无反应|没有意识|没了意识|晕了过去|"
                "昏了过去|叫 _3 不应|叫 _3 没有回应"),
        CONCEPT(C_FAINT, "ngất|ngất xỉu|xỉu|bất tỉnh|hôn mê|mất ý thức|"
                         "mất tri giác|gọi _3 không tỉnh|lay _3 không tỉnh|"
                         "không phản ứng|lịm đi|ngã quỵ|không tỉnh lại|"
                         "không còn phản ứng|gọi _3 không trả lời|sốc"),
        CONCEPT(C_FAINT,
                "passed out|keeps passing out|went unconscious|"
                "is unconscious|fell _2 unconscious|can't _2 wake _3 up|"
                "unable to wake|won't respond|doesn't respond|"
                "not answering _3 call|no reaction|eyes rolled back|"
                "went limp _3 collapsed|fell down _3 not moving|not moving|"
                "倒下 _4 没 _1 反应|喊 _4 没 _2 反应|叫 _4 没 _2 反应|倒 _3 "
                "不起|"
                "倒在地上 _4 不动|不动了|没有了反应|人事不知|叫 _3 "
                "不应|突然倒下|失去了意识|"
                "ngã _3 bất tỉnh|gục xuống|không _2 phản ứng|"
                "đột nhiên _3 bất tỉnh|bất tỉnh nhân sự|ngất đi|xỉu đi|"
                "không gọi được"),
        CONCEPT(C_CONFUSION,
                "sudden* confus*|sudden* _3 confused|confused and _3 drowsy|"
                "confused and _3 disoriented|very confused|"
                "disoriented|delirious|delirium|not making sense|"
                "doesn't recogni*|didn't recogni*|does not recogni*|"
                "talking nonsense|incoheren*|doesn't know where _2 is|"
                "doesn't know who _2 is"),
        CONCEPT(C_CONFUSION, "突然 _3 糊涂|神志不清|意识不清|意识模糊|神智不清|"
                             "胡言乱语|语无伦次|认不出 _3 人|不认识 _3 人|谵妄|"
                             "精神错乱|不认得 _3 人|认不出 _2 我"),
        CONCEPT(C_CONFUSION,
                "lú lẫn|mê sảng|nói nhảm|nói sảng|"
                "không nhận ra _3 người|không biết mình đang ở đâu|"
                "mất định hướng|lơ mơ|nói lung tung|không nhận ra _2 ai"),
        CONCEPT(C_CONFUSION,
                "suddenly _4 confused|confused _3 suddenly|"
                "doesn't know _3 where|not making _2 sense|"
                "talking _3 nonsense|突然 _4 糊涂|胡说|说胡话|认不出|"
                "không nhận ra _4 ai|nói _3 lung tung|nói _3 linh tinh"),
        CONCEPT(C_CONFUSION,
                "isn't making _2 sense|not making _2 sense|"
                "doesn't make _2 sense|makes no sense|very confused|"
                "really confused|so confused|confused _3 since|"
                "disorientated"),

        /* ---- suicide and self-harm ---- */
        CONCEPT(C_SUICIDE,
                "suicid*|kill myself|kill _2 myself|kill herself|"
                "kill himself|kill themselves|killing myself|"
                "end* my life|end* _2 my life|end* it all|end* my own life|"
                "tak* my own life|tak* _2 own life|want to die|"
                "plan to take _3 all|take them all|pills saved|"
                "saving up _2 pills|stockpil* _3 pills|plan to kill|"
                "suicide note|goodbye letter*|don't see _2 reason to live|"
                "no point _3 living|tired of living|can't go on living|"
                "can't go on anymore|don't want to wake up|"
                "better off if i were dead|better off if i was dead|"
                "better off without me|better off _2 dead|wish i _2 dead|"
                "wish i could die|want to sleep forever|"
                "wanna die|wants to die|wish i was dead|wish i were dead|"
                "better off dead|don't want to live|do not want to live|"
                "doesn't want to live|don't want to be alive|"
                "no reason to live|nothing to live for|to hurt myself|"
                "of hurting myself|to harm myself|of harming myself|"
                "self harm*|self injur*|cutting myself|"
                "cut myself on purpose|to cut myself|cut* _2 wrist*|"
                "slit _2 wrist*|hang myself|hanging myself|"
                "jump off _3 bridge|jump off _3 building|jump off _3 roof|"
                "sleep and not wake up|not wake up ever|"
                "don't want to be here anymore|hurt myself on purpose|"
                "overdose on purpose|take all my pills|"
                "want to disappear forever"),
        CONCEPT(C_SUICIDE,
                "自杀|轻生|想死|不想活|活不下去|活着没意思|活着 _3 没有意义|"
                "结束 _3 生命|了结 _2 自己|了断|寻死|割腕|自残|自伤|"
                "伤害自己|跳楼|上吊|死了算了|不如死了|想 _2 去死|去死|"
                "一了百了|不想 _2 活|活够了|自我伤害|结束自己|割 _2 手腕|"
                "不想再活|死一死|干脆 _2 死|死 _3 算了"),
        CONCEPT(C_SUICIDE,
                "tự tử|tự sát|muốn chết|chán sống|không muốn sống|"
                "không muốn _2 sống nữa|kết liễu _3 đời|"
                "kết thúc _3 cuộc đời|kết thúc _3 cuộc sống|tự làm hại|"
                "tự hại|tự làm đau _2 bản thân|tự gây thương tích|"
                "rạch tay|cắt cổ tay|rạch cổ tay|nhảy lầu|treo cổ|"
                "không thiết sống|muốn _2 chết đi|chết quách|chết cho xong|"
                "sống không nổi|tìm đến cái chết|tự làm tổn thương"),
        CONCEPT(C_SUICIDE,
                "can't go on|cannot go on|goodbye message|goodbye text|"
                "said goodbye _3 forever|killing myself|"
                "thinking of killing|thought* of ending|want _2 end it|"
                "going to end it|end it tonight|take _2 pills _3 end|"
                "jump in front of|jump off|throw myself|"
                "don't want to exist|not want to exist|"
                "hurt* herself on purpose|hurt* himself on "
                "purpose|怎么死|怎样死|"
                "如何死|死掉算了|想死掉|不想活下去|活着 _3 累|从 _4 楼 _4 "
                "跳|跳 _2 下去|跳河|跳桥|卧轨|"
                "烧炭|吃药 _3 自杀|结束 _2 一切|不想 _2 活下去|想 _3 消失|留 "
                "_2 遗书|遗书|"
                "不想再 _2 活|muốn _3 chết|muốn tự vẫn|tự vẫn|kết thúc _3 đời|"
                "uống thuốc _3 chết|không muốn _3 sống|thà chết|"
                "chết đi cho rồi|nhảy _3 cầu|nhảy _3 sông|nhảy từ|"
                "thư tuyệt mệnh|để lại _2 thư"),
        CONCEPT(C_SUICIDE,
                "letters to my family|goodbye letters|said my goodbyes|"
                "saying goodbye to everyone|giving away my things|"
                "goodbye note|farewell note|wrote _3 goodbye|"
                "been cutting|cutting again|started cutting|cutting _2 self|"
                "cutting herself|cutting himself|"
                "ready to die|isn't worth living|not worth living|"
                "life _3 not worth|bought a rope|has a rope|got a rope|"
                "活着 _3 没意义|活著 _3 沒意義|không đáng sống|sống _3 vô "
                "nghĩa"),
        CONCEPT(C_SUICIDE,
                "better without me|world _4 without me|"
                "burden to _2 everyone|everyone _3 better off|"
                "hurting myself again|hurting myself with|hurt myself with|"
                "started hurting myself|keep hurting myself|"
                "been hurting myself|razor _3 myself|cut* _3 with _2 blade|"
                "cutting _2 arms"),

        /* ---- poisoning ---- */
        CONCEPT(C_POISON,
                "overdos*|took too many _2 pills|took too many _2 tablets|"
                "took _3 whole bottle|whole bottle of|"
                "swallowed _3 bottle|swallowed _3 pills|"
                "swallowed _3 tablets|swallowed _3 bleach|"
                "swallowed _3 battery|swallowed _3 batteries|"
                "swallowed _3 detergent|swallowed _3 magnet*|"
                "drank _3 bleach|drank _3 antifreeze|drank _3 pesticide|"
                "drank _3 weed killer|drank _3 kerosene|drank _3 cleaner|"
                "drank _3 poison|ate _3 rat poison|ate _3 poison*|"
                "poisoned|poisoning|rat poison|carbon monoxide|"
                "accidentally _3 swallowed|accidentally _3 drank|"
                "accidentally _3 ate _3 pills|ingested|"
                "too much _3 paracetamol|too much _3 tylenol|"
                "too much _3 acetaminophen|too much _3 insulin|"
                "snake bite|snakebite|bitten by a snake|"
                "bitten by _2 snake|took _2 all _2 pills|"
                "took #many _3 tablets|took #many _3 pills|"
                "took #many _3 capsules|swallowed #many _3 tablets|"
                "swallowed #many _3 pills|ate #many _3 pills"),
        CONCEPT(C_POISON,
                "服药过量|药物过量|吃药过量|过量服用|过量服药|"
                "吃了 _3 整瓶|一整瓶 _3 药|吞 _5 药|吞 _5 片|吞 _5 电池|"
                "吞 _5 磁|纽扣电池|钮扣电池|不小心吞|喝了 _3 农药|喝 _2 农药|"
                "吃了 #many _2 片|吞了 #many _2 片|吃了 #many _2 粒|"
                "喝了 _3 漂白|喝了 _3 消毒|喝了 _3 洗洁精|老鼠药|"
                "敌敌畏|百草枯|误服|误食|误吞|误喝|中毒|一氧化碳|"
                "被蛇咬|蛇咬伤|吃了 _3 很多 _2 安眠药|吃了 _4 一把药"),
        CONCEPT(C_POISON,
                "quá liều|uống quá nhiều thuốc|uống _3 cả vỉ|"
                "uống hết _3 thuốc|ngộ độc|uống nhầm|nuốt nhầm|ăn nhầm|"
                "nuốt phải|thuốc trừ sâu|thuốc diệt chuột|"
                "uống _3 nước tẩy|uống _3 thuốc tẩy|uống _3 dầu hỏa|"
                "uống _3 xăng|khí than|rắn cắn|bị rắn _2 cắn|"
                "uống _3 thuốc ngủ _3 nhiều|uống #many viên|nuốt #many viên|"
                "pin cúc áo"),
        /* A medicine named anywhere near a count swallowed ("how many
         * ibuprofen is too many? I already had 15"), in any language,
         * with the English names inside Chinese or Vietnamese. */
        CONCEPT(C_MEDS_ANY, "@meds|@cn_meds|@vi_meds"),
        CONCEPT(C_OD_COUNT,
                "@od_verb #many|@od_verb @approx #many|already had #many|"
                "@cn_ingest _2 #many _2 @cn_unit|@cn_ingest _2 #many 几 "
                "@cn_unit|@vi_ingest _2 #many viên|"
                "@cn_ingest _2 @cn_bignum _2 @cn_unit"),
        {RF_BLOCK, C_OD_COUNT, 0, "#many @not_pills"},
        CONCEPT(C_DOSE_ERR, "#n times the _2 dose|#n times _2 recommended|"
                            "#n times _2 much|double _2 dose|triple _2 dose|"
                            "twice the _2 dose|dose _4 twice|too much @meds|"
                            "instead of #n ml|instead of #n mg|wrong dose|"
                            "#n 倍 _3 剂量|剂量 _3 #n 倍|喂 _3 多了|吃 _2 两次|"
                            "gấp #n lần _3 liều|quá liều|nhầm liều"),
        CONCEPT(C_FUMES,
                "mixed _4 @household_poison|@inhale _3 @household_poison|"
                "@inhale _3 fumes|fumes|gas leak|smell of gas|"
                "混合 _4 @cn_poison|吸入 _4 @cn_poison|煤气|瓦斯|"
                "khí ga|hít _3 khí|hít phải"),
        CONCEPT(C_POISON,
                "took _3 whole|took _3 entire|took _3 box of|"
                "took _3 bottle|took _3 pack*|took _3 handful|"
                "took _3 strip|swallowed _3 whole|swallowed _3 entire|"
                "swallowed _3 box|swallowed _3 handful|swallowed _3 pack*|"
                "taken _3 whole|taken _3 box|ate _3 whole bottle|"
                "drank _4 dishwasher|drank _4 detergent|drank _4 washing|"
                "drank _4 cleaning|drank _4 drain|drank _4 petrol|"
                "drank _4 gasoline|drank _4 paraffin|"
                "drank _4 lighter fluid|drank _4 insecticide|"
                "drank _4 methanol|drank _4 nail polish|"
                "drank _4 essential oil|drank _4 disinfectant|"
                "drank _4 toilet|drank _4 chemical*|"
                "swallowed _4 dishwasher|swallowed _4 cleaning|"
                "swallowed _4 laundry|swallowed _4 pod|"
                "swallowed _4 coin cell|ate _4 laundry|ate _4 pod*|"
                "ate _4 detergent|ate _4 dishwasher|"
                "ate _4 mushroom* _4 wild|ate _4 berries|chewed _4 pod|"
                "laundry pod|button battery|coin battery|lithium battery|"
                "swallowed _4 chemical*|ate _4 pills|ate _4 tablets|"
                "drank _4 medicine|吃了 _4 洗衣|吃了 _4 凝珠|吃了 _4 "
                "洗衣液|喝了 _4 洗衣|"
                "喝了 _4 清洁剂|喝了 _4 洗洁精|喝了 _4 汽油|喝了 _4 煤油|喝了 "
                "_4 杀虫剂|喝了 _4 除草剂|"
                "喝了 _4 消毒|喝了 _4 漂白|吃了 _4 杀虫|吃了 _4 灭鼠|吃了 _4 "
                "干燥剂|吞 _5 硬币|洗衣球|"
                "洗衣凝珠|吃了 _3 瓶 _4 药|吃了 _2 半瓶|吃了 _2 一瓶|吃了 _3 "
                "整盒|吃了 _3 一盒|"
                "吃了 _3 一板|吞了 _3 瓶|吃了 _4 "
                "一把|十几片|几十片|二十片|三十片|很多片|好多片|大量 _3 药|"
                "一把 _2 药|一整盒|一整板|吃了 _4 很多 _3 药|吃 _2 太多 _2 "
                "药|uống _4 cả lọ|"
                "uống _4 hết lọ|uống _4 nguyên|uống _4 cả hộp|"
                "uống _4 nước rửa chén|uống _4 nước lau sàn|"
                "uống _4 nước tẩy|uống _4 thuốc tẩy|uống _4 dầu hỏa|uống _4 "
                "dầu máy|"
                "uống _4 thuốc diệt|ăn _4 thuốc diệt|nuốt _4 pin|"
                "nuốt _4 đồng xu|uống _4 thuốc _4 nhiều viên|"
                "uống _4 rất nhiều thuốc|uống _4 quá nhiều|uống nhầm|"
                "uống phải|ăn phải _3 nấm"),
        CONCEPT(C_POISON, "把 _2 整瓶|喝光|吞光|吃光 _3 药|整瓶 _4 喝|整瓶 _4 "
                          "吃|一整瓶|整盒 _4 吃|"
                          "uống hết _3 chai|uống _3 cả chai"),
        CONCEPT(C_POISON, "吞了 _3 整排|吃了 _3 整排|吞了 _3 一排|吃了 _3 "
                          "一排|吞了 _3 整板|吞了 _3 一把|"
                          "吃了 _3 大把|吃了 _3 一堆 _3 药|一整排|整排 _3 "
                          "药|thuốc chuột|bả chuột|"
                          "uống _3 thuốc chuột|ăn _3 bả chuột"),

        /* ---- fever with danger signs ---- */
        CONCEPT(C_CHILD,
                "baby|babies|infant*|newborn*|toddler*|my son|my daughter|"
                "son|daughter|child|children|kid|kids|boy|girl|grandson|"
                "granddaughter|month* old|#kid year* old|#kid yr* old|"
                "#kid yo|little one|preschooler"),
        CONCEPT(C_CHILD,
                "宝宝|婴儿|新生儿|幼儿|孩子|小孩|儿子|女儿|小朋友|孙子|"
                "孙女|个月大|个月的|#kid 岁|娃|小宝|宝贝|男孩|女孩"),
        CONCEPT(C_CHILD, "bé|em bé|con tôi|con trai|con gái|con em|con mình|"
                         "trẻ|trẻ em|trẻ nhỏ|tháng tuổi|#kid tuổi|đứa nhỏ|"
                         "bé trai|bé gái|cháu bé|cháu nhỏ|cháu tôi|con nhà"),
        CONCEPT(C_NEWBORN, "newborn*|#n week* old|#n day* old|#m3 month* old|"
                           "neonat*|#m3 mo old"),
        CONCEPT(C_NEWBORN, "新生儿|刚出生|满月|#m3 个月大|#n 天大|出生 #n 天|"
                           "#m3 个月的|未满月"),
        CONCEPT(C_NEWBORN, "trẻ sơ sinh|sơ sinh|#n ngày tuổi|#m3 tháng tuổi|"
                           "#n tuần tuổi"),
        CONCEPT(C_NEWBORN, "一个月大|两个月大|二个月大|三个月大|一个多月|"
                           "两个多月|未满三个月|出生 _3 周|#n 周大|几周大|"
                           "#n weeks old|wks old|week old"),
        CONCEPT(C_NEWBORN, "bé _2 #m3 tháng|con _2 #m3 tháng|cháu _2 #m3 tháng|"
                           "宝宝 _2 一个月|宝宝 _2 两个月|宝宝 _2 二个月|宝宝 "
                           "_2 三个月|宝宝 _2 #m3 个月|"
                           "婴儿 _2 一个月|婴儿 _2 两个月|婴儿 _2 二个月|婴儿 "
                           "_2 三个月|婴儿 _2 #m3 个月|"
                           "孩子 _2 一个月|孩子 _2 两个月|孩子 _2 #m3 "
                           "个月|出生 _3 一个月|出生 _3 两个月"),
        CONCEPT(C_FEVER, "fever*|feverish|burning up|febrile|high temp*|"
                         "temp* _4 #fev"),
        CONCEPT(C_FEVER, "发烧|发热|高烧|烧到|高热|体温 _4 #fev|烧 _2 #fev"),
        CONCEPT(C_FEVER, "sốt|nóng sốt|sốt cao|nhiệt độ _4 #fev"),
        CONCEPT(C_FEVER,
                "feels hot|feel* _2 hot|hot to the touch|"
                "thermometer _4 #fev|reading _3 #fev|#fev degree*|#fev c|"
                "#fev f|烧到 _2 #fev|#fev 度|身上 _2 烫|很烫|摸着 _2 烫|"
                "nóng _2 hầm hập|người _2 nóng|#fev độ"),
        CONCEPT(C_FEVER,
                "high fever|high temperature|fever _4 #hi|"
                "temperature _4 #hi|temp _4 #hi|#hi degree*|#hi c|#hi f"),
        CONCEPT(C_FEVER, "高烧|高热|发烧 _4 #hi|烧到 _2 #hi|体温 _4 #hi|#hi 度|"
                         "#hi c|三十九度|四十度|烧 _2 #hi"),
        CONCEPT(C_FEVER, "sốt cao|sốt _4 #hi|nhiệt độ _4 #hi|#hi độ|#hi c"),
        CONCEPT(C_LETHARGY,
                "letharg*|listless|floppy|limp|very sleepy|"
                "extremely sleepy|so sleepy|unusually sleepy|drowsy|"
                "hard to wake|difficult to wake|not alert|sluggish|"
                "barely awake|lifeless|not feeding|won't feed|"
                "refus* _2 feed*|refus* _2 to drink|won't drink|"
                "not drinking|stopped drinking|no wet diaper*|"
                "no wet nappies|not himself|not herself|weak and sleepy|"
                "sleeping all day|won't stop crying|inconsolable"),
        CONCEPT(C_LETHARGY,
                "精神很差|精神差|精神不好|精神萎靡|萎靡|没精神|无精打采|"
                "嗜睡|昏睡|一直睡|软绵绵|浑身 _2 软|反应迟钝|反应差|"
                "不吃不喝|拒奶|不吃奶|吃奶差|不肯吃奶|不喝奶|没有尿|"
                "一直哭闹|哭闹不止|蔫|叫不 _1 醒|不太醒|很难叫醒|难叫醒|"
                "醒不过来"),
        CONCEPT(C_LETHARGY,
                "li bì|lừ đừ|lờ đờ|mệt lả|ngủ li bì|ngủ nhiều|"
                "khó đánh thức|không tỉnh táo|bỏ bú|bú kém|không chịu bú|"
                "không bú|yếu ớt|uể oải|ngủ suốt|khóc _2 không ngừng|"
                "không đi tiểu"),
        CONCEPT(C_LETHARGY,
                "软趴趴|瘫软|全身软|没力气|不爱动|蔫蔫|叫不太醒|精神 _2 "
                "差|一直 _2 睡|昏昏沉沉|不理人|"
                "lethargic|not responding much|barely responding|"
                "not responding|unresponsive|very weak|won't wake|"
                "hard to rouse|mệt lả|lả đi|li bì|ngủ _2 li bì|không chơi|"
                "không phản ứng|gọi _3 không dậy"),
        CONCEPT(C_STIFF_NECK, "stiff neck|neck _3 stiff*|can't bend _3 neck|"
                              "neck stiffness|can't touch _2 chin _3 chest"),
        CONCEPT(C_STIFF_NECK,
                "脖子 _2 僵硬|颈部 _2 僵硬|颈项强直|脖子硬|颈 _2 硬"),
        CONCEPT(C_STIFF_NECK, "cứng cổ|cổ _2 cứng|gáy cứng|cứng gáy"),
        CONCEPT(C_RASH_PURPLE,
                "rash _4 doesn't fade|rash _4 does not fade|"
                "rash _4 won't fade|rash _4 not fade|rash _4 glass|"
                "purple _2 spots|purple rash|non blanching|petechia*|"
                "purpura|spots _4 don't fade"),
        CONCEPT(C_RASH_PURPLE,
                "皮疹 _4 不褪色|按压 _4 不褪色|压 _3 不褪|紫癜|出血点|"
                "紫色 _2 斑|紫色 _2 疹|瘀点"),
        CONCEPT(C_RASH_PURPLE,
                "ban _4 không mất|ban _4 không biến mất|ban xuất huyết|"
                "chấm xuất huyết|nốt _2 tím|chấm _2 tím|ban _2 tím|"
                "nốt xuất huyết"),

        /* ---- allergy ---- */
        CONCEPT(C_THROAT_SWELL,
                "throat _3 swell*|throat _3 swollen|throat _3 closing|"
                "throat _3 tight*|swell* _3 throat|tongue _3 swell*|"
                "tongue _3 swollen|swollen tongue|swell* _3 tongue|"
                "lips _3 swell*|lips _3 swollen|swollen lips|"
                "face _3 swell* up|face _3 swollen|swollen face|"
                "swell* _3 face"),
        CONCEPT(C_THROAT_SWELL,
                "喉咙 _3 肿|喉头水肿|喉咙 _3 紧|舌头 _3 肿|嘴唇 _3 肿|"
                "喉咙 _3 发紧|嗓子 _3 肿|脸 _3 肿|眼皮 _2 肿|喉 _3 水肿"),
        CONCEPT(C_THROAT_SWELL,
                "sưng _2 họng|họng _3 sưng|phù _2 thanh quản|sưng lưỡi|"
                "lưỡi _3 sưng|sưng môi|môi _3 sưng|cổ họng _3 sưng|"
                "cổ họng _3 thắt|phù môi|phù mặt|sưng mặt|mặt _3 sưng|"
                "sưng phù"),
        CONCEPT(C_THROAT_SWELL,
                "throat _3 swelling|throat _4 closing|throat _4 closing up|"
                "throat _4 tight*|tongue _4 swell*|喉咙 _4 封|喉咙 _4 堵|喉咙 "
                "_4 闭|"
                "喉咙 _4 肿|喉咙 _4 紧|舌头 _4 肿|嘴唇 _4 肿|脸 _4 肿|họng _4 "
                "sưng|"
                "họng _4 thắt|họng _4 nghẹt|mặt _4 sưng|sưng _3 mặt|"
                "lưỡi _4 sưng|môi _4 sưng"),
        CONCEPT(C_THROAT_SWELL,
                "tongue _3 thick|thick tongue|throat _3 thick|"
                "throat _3 swollen shut|舌头 _3 变厚|舌头 _3 发麻|lưỡi _3 dày|"
                "lưỡi _3 tê cứng"),
        CONCEPT(C_ANAPHYLAXIS, "anaphyla*|allergic shock|@pen_use _3 @adr_pen|"
                               "@adr_pen _3 @pen_used"),
        CONCEPT(C_ANAPHYLAXIS, "过敏性休克|严重过敏|过敏 _2 休克"),
        CONCEPT(C_ANAPHYLAXIS, "sốc phản vệ|phản vệ|sốc dị ứng|sốc thuốc"),
        CONCEPT(C_HIVES,
                "hives|welts|rash all over|covered in _2 rash|"
                "荨麻疹|风团|全身 _3 疹|nổi mề đay|mề đay|nổi mẩn _3 khắp"),
        CONCEPT(C_ALLERGY,
                "allergic reaction|allergic to|an allergy|allergy attack|"
                "reaction to|hives|stung|bee sting|wasp sting|"
                "ate _3 peanut*|ate _3 nut*|ate _3 shrimp|"
                "ate _3 shellfish|allergic"),
        CONCEPT(C_ALLERGY, "过敏|荨麻疹|蜇|花生|海鲜|吃了 _3 虾|吃了 _3 蟹|"
                           "打了 _3 针|风团"),
        CONCEPT(C_ALLERGY,
                "dị ứng|mề đay|mẩn ngứa|ong đốt|bị ong|hải sản|"
                "đậu phộng|ăn _3 tôm|ăn _3 cua|tiêm _3 thuốc|nổi mẩn"),
        CONCEPT(C_ALLERGY,
                "after eating _3 nut*|cashew*|almond*|walnut*|peanut*|"
                "shellfish|shrimp*|prawn*|crab*|lobster|sesame|bee|bees|"
                "wasp*|hornet*|sting*|penicillin|amoxicillin|antibiotic*|"
                "injection|contrast "
                "dye|腰果|坚果|虾|蟹|蜜蜂|黄蜂|马蜂|蜂|叮|青霉素|抗生素|打针|"
                "输液|疹子|起疹|风团|hạt điều|tôm|cua|ong|kháng "
                "sinh|penicillin|"
                "tiêm|truyền dịch|nổi mẩn|mề đay|phát ban"),

        /* ---- seizures ---- */
        CONCEPT(C_SEIZURE,
                "seizure*|seizing|convuls*|having a fit|had a fit|fits|"
                "fitting|epileptic|shaking uncontrollably|"
                "shaking all over"),
        CONCEPT(C_SEIZURE,
                "抽搐|抽风|惊厥|癫痫|羊癫疯|口吐白沫|四肢抽动|全身抽|"
                "手脚抽"),
        CONCEPT(C_SEIZURE, "co giật|động kinh|lên cơn co giật|sùi bọt mép|"
                           "giật kinh phong|kinh phong|lên cơn giật"),
        CONCEPT(C_SEIZURE,
                "foaming at the mouth|foam* _3 mouth|shaking all over|"
                "body _3 jerking|jerking _3 arms|eyes rolled|抽筋 _3 口吐|"
                "全身 _3 抖|翻白眼|眼睛上翻|sùi bọt|giật _3 tay chân|người _3 "
                "giật|"
                "trợn mắt"),
        CONCEPT(C_SEIZURE_LONG,
                "#n rd @seiz_n|#n nd @seiz_n|#n th @seiz_n|@nth @seiz_n|"
                "@seiz_n _6 between them|@seiz_n _6 in between|"
                "#n @seiz_n _3 today|"
                "never happened before|never had _3 before|"
                "won't stop|not stopping|doesn't stop|hasn't stopped|"
                "keeps _2 seizing|keeps _2 coming|keeps _2 happening|"
                "more than #n minute*|over #n minute*|"
                "longer than #n minute*|#5 minute*|one after another|"
                "back to back|again and again|repeated seizure*|"
                "multiple seizure*|several seizure*|in a row|"
                "another one|not waking|non stop|continuous*|"
                "keep having|first seizure|first ever|"
                "first time _4 seizure*|seizure* _4 first time|"
                "never had _3 before|still seizing|still shaking|"
                "still convulsing"),
        CONCEPT(C_SEIZURE_LONG,
                "不停|停不下来|没停|一直 _2 抽|抽 _4 不停|反复 _2 抽|连续|"
                "超过 _3 分钟|#5 分钟|几分钟|还在抽|接连|持续 _2 抽|"
                "抽搐 _2 持续|第一次 _3 抽|第一次 _3 癫痫|第一次 _3 惊厥|"
                "首次 _3 抽|首次 _3 癫痫|首次 _3 惊厥|好几次|又 _2 抽|"
                "十几分钟|五分钟|十分钟"),
        CONCEPT(C_SEIZURE_LONG,
                "không ngừng|không dứt|liên tục|liên tiếp|hơn #n phút|"
                "#5 phút|vẫn còn _2 co giật|nhiều lần|kéo dài|lặp lại|"
                "cơn này đến cơn khác|mãi không|lần đầu _3 co giật|"
                "co giật _4 lần đầu|mấy phút"),
        CONCEPT(C_SEIZURE_LONG,
                "it's been #5 minute*|been _3 #5 minute*|#5 mins|"
                "isn't waking _3 between|not waking _3 between|"
                "between _3 seizures|still _2 fitting|keeps fitting|"
                "一直 _3 抽|一直 _3 不醒|从 _4 开始 _3 抽|mãi không dừng|không "
                "dừng|"
                "không ngừng|hơn #5 phút|#n phút _3 chưa|vẫn _2 co giật|"
                "liên tiếp"),
        CONCEPT(C_SEIZURE_NOW,
                "having a seizure|is seizing|is convulsing|"
                "seizing right now|having seizures|is having _2 fit|"
                "middle of a seizure|seizure right now"),
        CONCEPT(C_SEIZURE_NOW,
                "正在抽搐|正在抽|在抽搐|现在 _2 抽搐|正在 _2 癫痫发作|"
                "还在抽"),
        /* Two signs of one fit together, jerking with the eyes rolled
         * back or foam at the mouth, make a seizure (which still needs
         * to be long, repeated, a first, or with unresponsiveness). */
        CONCEPT(C_SEIZURE,
                "@jerk_w _8 eyes _2 roll*|eyes _2 roll* _8 @jerk_w|"
                "@jerk_w _8 foam*|foam* _8 @jerk_w|"
                "@cn_jerk _6 翻白眼|翻白眼 _6 @cn_jerk|翻白眼 _6 口吐白沫|"
                "口吐白沫 _6 @cn_jerk|@cn_jerk _6 口吐白沫|"
                "giật _6 trợn|trợn _6 giật|sùi bọt _6 giật|giật _6 sùi bọt"),
        CONCEPT(C_SEIZURE_NOW, "đang co giật|đang lên cơn|vẫn đang co giật"),

        /* ---- head injury ---- */
        CONCEPT(C_HEAD_INJURY,
                "hit _2 head|hit his head|hit her head|banged _2 head|"
                "bump* _2 head|bang* _2 head|head injury|head trauma|"
                "fell _5 head|knock* _2 head|concussion|blow to the head|"
                "head _3 hit|head _2 struck|fell _3 on _2 head|"
                "landed on _2 head|fell off _3 @fall_from|"
                "came off _3 @fall_from|fell from _3 @fall_from|no helmet|"
                "without _2 helmet|fell down _2 stairs"),
        CONCEPT(C_HEAD_INJURY,
                "撞到头|摔到头|头部受伤|头部撞击|头 _2 撞|撞 _2 头|"
                "摔 _3 头|脑震荡|头部外伤|磕到头|头 _2 磕"),
        CONCEPT(C_HEAD_INJURY,
                "đập đầu|va đầu|chấn thương đầu|chấn thương sọ não|"
                "ngã _3 đầu|té _3 đầu|đầu _2 va|đầu _3 đập|đụng đầu"),
        CONCEPT(C_HEAD_INJURY,
                "fell _5 head|fell from _5 hit|hit _3 head|head _3 hit|"
                "head _3 bang*|head _3 knock*|头 _4 撞|撞 _4 头|摔 _5 头|头 _4 "
                "磕|"
                "磕 _4 头|头着地|ngã _5 đầu|té _5 đầu|đầu _4 đập|đập _3 đầu|"
                "va _3 đầu"),
        CONCEPT(C_HEAD_SIGN,
                "confused|confusion|sleepy|drowsy|dazed|groggy|"
                "not making sense|asking the same|headache _3 worse|"
                "worsening headache|can't remember|unequal pupils|"
                "clear fluid _3 nose"),
        CONCEPT(C_HEAD_SIGN,
                "嗜睡|想睡|犯困|迷糊|糊涂|头 _2 越来越痛|头痛 _2 加重|"
                "记不起|精神差|没精神"),
        CONCEPT(C_HEAD_SIGN, "lơ mơ|buồn ngủ|lừ đừ|lú lẫn|đau đầu _2 tăng|"
                             "không nhớ|ngủ li bì|lờ đờ"),
        CONCEPT(C_HEAD_SIGN,
                "very drowsy|drowsy|sleepy|想吐|很想睡|想睡觉|一直睡|犯困|lơ "
                "mơ|"
                "buồn ngủ|ngủ gà|nôn ói|ói"),
        CONCEPT(C_VOMIT,
                "vomit*|throw* up|threw up|throwing up|puk*|being sick"),
        CONCEPT(C_VOMIT, "呕吐|吐了|一直吐|吐 _2 几次|喷射 _2 吐"),
        CONCEPT(C_VOMIT, "nôn|ói|nôn mửa|nôn ói"),

        CONCEPT(C_DIZZY, "dizzy|dizziness|lightheaded|light headed|woozy|"
                         "feel* faint|felt faint|vision _3 going dark"),
        CONCEPT(C_DIZZY, "头晕|头昏|眼前发黑|眼前一黑|晕眩|眩晕"),
        CONCEPT(C_DIZZY, "chóng mặt|choáng váng|hoa mắt|xây xẩm"),
        CONCEPT(C_DIZZY,
                "might faint|going to faint|about to faint|could faint|"
                "feel* _4 faint|faint|faintish|about to pass out|"
                "going to pass out|might pass out|快要晕|要晕倒|快晕倒|sắp "
                "ngất|"
                "muốn ngất|muốn xỉu"),

        CONCEPT(C_SEVERITY, "severe|severely|excruciating|unbearable|agonising|"
                            "agonizing|worst|crushing|tearing|ripping|terrible|"
                            "#5 out of 10|intense|extreme*"),
        CONCEPT(C_SEVERITY,
                "剧烈|剧痛|撕裂|受不了|难以忍受|刀割|钻心|要命|厉害|"
                "非常痛|痛得要死|痛死"),
        CONCEPT(C_SEVERITY,
                "dữ dội|không chịu nổi|kinh khủng|khủng khiếp|như xé|"
                "như dao đâm|quằn quại|rất đau|đau lắm"),
        CONCEPT(C_SEVERITY,
                "badly|really bad|so bad|very bad|severe pain|killing me|"
                "rất dữ dội|痛得很|疼得很|剧烈疼痛"),
        CONCEPT(C_SWALLOW, "hard to swallow|can't swallow|cannot swallow|"
                           "trouble swallowing|difficulty swallowing|drooling|"
                           "can't talk|voice _3 strange|voice _3 hoarse|"
                           "吞咽困难|吞不下|咽不下|流口水|说不出话|声音 _2 哑|"
                           "khó nuốt|không nuốt được|chảy nước dãi|khàn giọng"),

        /* ---- context that exempts a rule ---- */
        CONCEPT(C_BENIGN_DARK_STOOL,
                "iron|ferrous|bismuth|pepto*|blueberr*|black licorice|"
                "liquorice|charcoal|supplement*|spinach"),
        CONCEPT(C_BENIGN_DARK_STOOL,
                "铁剂|补铁|铁片|硫酸亚铁|铋|活性炭|黑芝麻|猪血|鸭血|"
                "蓝莓|桑葚|铁|补血"),
        CONCEPT(C_BENIGN_DARK_STOOL,
                "sắt|viên sắt|bismuth|than hoạt tính|việt quất|"
                "tiết canh|huyết heo|bổ máu|dâu tằm"),
        CONCEPT(C_CHEST_WALL,
                "press|pressed|pressing|presses|touch*|tender|gym|workout|work "
                "out|lifting|"
                "push ups|push-ups|exercise|ribs|rib|muscle|sore muscle*|"
                "cough*|twist*|strain*"),
        CONCEPT(C_CHEST_WALL,
                "按压|按 _2 痛|压 _2 痛|摸|健身|运动|搬 _3 东西|肋骨|"
                "肌肉|拉伤|咳嗽|举重"),
        CONCEPT(C_CHEST_WALL,
                "ấn _2 vào|ấn _2 đau|sờ|tập gym|tập tạ|tập thể dục|"
                "xương sườn|cơ _2 ngực|bê _3 nặng|căng cơ|ho"),
        CONCEPT(C_MENSTRUAL, "period*|menstrua*|menses|heavy flow|menorrhag*|"
                             "time of the month"),
        CONCEPT(C_MENSTRUAL, "月经|经期|来例假|例假|大姨妈|经血|月事"),
        CONCEPT(C_MENSTRUAL,
                "kinh nguyệt|hành kinh|đến tháng|ngày đèn đỏ|có kinh|"
                "chu kỳ kinh|đèn đỏ"),
        CONCEPT(C_PREGNANT, "pregnan*|weeks pregnant|miscarr*|postpartum|"
                            "after giving birth|after delivery"),
        CONCEPT(C_PREGNANT, "怀孕|孕|妊娠|流产|产后|分娩|生完"),
        CONCEPT(C_PREGNANT, "mang thai|có thai|có bầu|thai|sảy thai|sau sinh|"
                            "vừa sinh|sinh con|bầu"),
        /* Danger by age: a baby under a year (with lethargy, poor
         * feeding or signs of dehydration it is an emergency even without
         * fever). */
        CONCEPT(C_INFANT, "baby|babies|infant*|newborn*|#n month* old|"
                          "#n mo old|#n mos old|baby _2 #n month*|"
                          "#n week* old|#n wk* old"),
        CONCEPT(C_INFANT, "宝宝|婴儿|小宝|新生儿|#n 个月 大|#n 个多月|"
                          "#n 个月大|出生 #n 天"),
        CONCEPT(C_INFANT, "em bé|trẻ sơ sinh|sơ sinh|#n tháng tuổi|"
                          "bé _2 #n tháng|con _2 #n tháng|#n thang tuoi"),
        /* The signs that make a baby an emergency by themselves (not
         * "sleeps a lot"). */
        CONCEPT(C_INFANT_DANGER,
                "floppy|limp|lifeless|hard to wake|won't wake|can't wake|"
                "unresponsive|not feeding|won't feed|refus* _2 feed*|"
                "not taking _2 bottle|no wet diaper*|no wet napp*|"
                "sunken soft spot|soft spot _3 sunken|sunken fontanel*|"
                "fontanel* _3 sunken|blue _2 lips|grunting"),
        CONCEPT(C_INFANT_DANGER,
                "软绵绵|瘫软|叫不 _1 醒|很难叫醒|难叫醒|拒奶|不吃奶|不肯吃奶|"
                "不喝奶|没有尿|囟门 _2 凹|前囟 _2 凹|嘴唇 _2 紫|没反应"),
        CONCEPT(C_INFANT_DANGER,
                "bỏ bú|không bú|không chịu bú|li bì|lả đi|khó đánh thức|"
                "gọi _3 không dậy|thóp _2 lõm|lõm thóp|tím môi|môi _2 tím|"
                "không phản ứng|không có nước tiểu"),
        /* ---- kinds from the ext-a misses (2026-12-07) ---- */
        /* A resolution said of earlier episodes ("以前一两分钟就过去了",
         * "usually it stops by itself") does not resolve this one. */
        CUE(RF_PSEUDO, 0,
            "以前 _6 过去了|以前 _6 就好|以前 _6 就停|以前都 _6 好|"
            "usually _4 stops|usually _4 goes away|usually _4 passes|"
            "before _3 went away|last time _4 went away|"
            "trước đây _4 hết|trước đây _4 tự hết|lần trước _4 hết"),
        /* Infancy and childhood are the distant past. */
        CUE(RF_HIST, 0,
            "as a baby|as an infant|as a child|as a kid|as a toddler|"
            "when i was little|when i was a baby|when i was a child|"
            "hồi nhỏ|lúc nhỏ|hồi bé|lúc bé|婴儿时|婴儿时期|小的时候"),
        /* Seizures ten minutes long, in Chinese numerals. */
        CONCEPT(C_SEIZURE_LONG, "快十分钟|十多分钟|好几分钟|半个小时|还没停|"
                                "停不了|mười phút|chưa dừng|chưa ngừng"),
        /* Head injuries: the back of the head, a bump, signs of a skull
         * fracture (clear fluid from the nose, a bigger pupil). */
        CONCEPT(C_HEAD_INJURY,
                "后脑|后脑勺|磕 _3 后脑|摔 _8 头|头 _4 鼓 _3 包|鼓起 _3 包|"
                "bump on _3 head|bump _4 side of _2 head|squishy bump|"
                "sưng _2 đầu|u _2 trên đầu|đập _3 đầu|ngã _6 đầu"),
        CONCEPT(C_HEAD_SIGN,
                "pupil* _4 bigger|one pupil|pupil* _3 different|"
                "fluid _4 nose|fluid _4 ears|鼻子 _4 流 _3 水|流 _2 清 _2 水|"
                "瞳孔 _3 不一样|瞳孔 _3 大小|nước trong _3 mũi|"
                "chảy nước _4 mũi|đồng tử _3 không đều|keeps vomiting|"
                "vomit* _2 twice|thrown up twice|吐了 _2 两回|吐了 _2 几次|"
                "一直吐|nôn _2 nhiều lần"),
        /* Scalds on a large area: many or big blisters, both limbs, the
         * whole belly. */
        CONCEPT(C_BURN_BAD,
                "大泡|好多 _2 泡|很多 _2 水泡|大水泡|两条 _2 胳膊|两条腿|"
                "整个 _2 肚子|肚子 _2 大腿|胸口 _3 胳膊|phồng rộp _3 to|"
                "cả bụng|hai đùi|bụng và _2 đùi|big blisters|huge blisters|"
                "blisters _3 all over|whole _2 belly|both _2 legs|both _2 "
                "arms"),
        CONCEPT(C_BURN, "燎|烧伤|爆燃|火 _3 烧到|flash burn|scald*|热汤|"
                        "泼到|烫伤|热油|"
                        "bỏng|phỏng"),
        /* Asthma that the reliever does not help, or that leaves words
         * only: cannot breathe. */
        CONCEPT(C_CANT_BREATHE,
                "说不完整|讲不完整|说不完|一个字一个字|话 _3 说不完|"
                "nói không hết câu|nói không thành câu|noi ko het cau|"
                "can only say a few words|can't finish _2 sentence*|"
                "can't speak _2 full sentences|"
                "@reliever _6 not helping|@reliever _6 didn't help|"
                "@reliever _6 没用|@reliever _6 没改善|@reliever _6 没效|"
                "@reliever _6 không đỡ|@reliever _6 không đỡ|"
                "喷了 _4 没用|吸了 _4 没改善|吸了 _4 没用|"
                "快吸不到气|吸不到气|憋得厉害|喘不上气"),
        /* Emergencies named by their signs (MTS discriminators): double
         * vision or a drunken gait that started suddenly. */
        CONCEPT(C_VISION_LOSS,
                "sees double|seeing double|double vision|叠影|重影|复视|"
                "nhìn đôi|nhìn một thành hai"),
        CONCEPT(C_THUNDER_HEADACHE,
                "như sét đánh|nhu set danh|like a thunderclap|"
                "đau nhất từ trước|đau nhất từ trước tới giờ|"
                "像 _2 被 _2 雷劈"),
        /* Heavy bleeding: spurting, soaking through a tourniquet, after
         * a tonsillectomy, a nosebleed that pressing does not stop. */
        CONCEPT(C_HEAVY_BLEED,
                "mouthful* of _3 blood|spitting out _4 blood|"
                "blood _3 spurting|spurting _3 blood|一股一股|往外冒|喷血|"
                "还在流|止不住|勒住 _4 流|"
                "máu _3 không cầm|không cầm _2 máu|ko cam|khong cam|"
                "bop mui ko cam|bóp mũi _3 không cầm|máu phun"),
        /* Unresponsive: there but not answering. */
        CONCEPT(C_FAINT,
                "not answering|barely answers|won't answer|not responding|"
                "breathing but not _2 answering|叫 _3 迷迷糊糊|迷迷糊糊|"
                "叫不太醒|叫不太起来|叫不起来|gọi chỉ ư ư|chỉ ư ư|"
                "không trả lời|gọi _3 không trả lời"),
        CONCEPT(C_CONFUSION, "nói lảm nhảm|noi lam nham|nói linh tinh|nói sảng|"
                             "acting strange|acting weird|not making sense"),
        /* Poisons that feel fine at first: herbicides, methanol drunk by
         * a group, carbon monoxide from a heater or a stove indoors. */
        CONCEPT(C_POISON,
                "paraquat|weed killer|weedkiller|herbicide|glyphosate|"
                "thuốc diệt cỏ|thuoc diet co|除草剂|"
                "mấy người uống cùng _3 bị|may nguoi uong chung _3 bi|"
                "uống cùng _3 cũng bị|一起喝 _4 也|rượu giả|假酒|工业酒精|"
                "methanol|@od_verb all _4 pills|took all _4 pills|"
                "全部吃掉|全部吃了|全吃了|uống hết _3 thuốc"),
        CONCEPT(C_FUMES,
                "gas heater|kerosene heater|coal stove|charcoal _3 indoors|"
                "煤炉|炭火|烧炭|煤气|热水器 _6 关着窗|热水器 _6 关窗|"
                "bếp than|than tổ ong|máy nước nóng _4 đóng cửa|"
                "whole family _4 headache*|一家人 _4 头疼|一家人 _4 头痛|"
                "cả nhà _4 đau đầu"),
        /* Fever with chemotherapy (neutropenic fever). */
        CONCEPT(C_CHEMO, "chemo|chemotherapy|化疗|化療|hóa trị|hoa tri|"
                         "xạ hóa trị"),
        /* Diabetic ketoacidosis: acetone breath, deep fast breathing. */
        CONCEPT(C_DKA, "nail polish remover|acetone|fruity breath|"
                       "breath* deep and fast|deep _2 fast _2 breath*|"
                       "呼吸 _3 深 _3 快|烂苹果|thở sâu _2 nhanh|"
                       "hơi thở _3 mùi táo"),
        /* Allergic triggers and signs. */
        CONCEPT(C_ALLERGY,
                "蜂 _2 蛰|马蜂|黄蜂|蜜蜂 _2 蛰|bee sting|wasp|"
                "stung by|ong đốt|bị ong _2 đốt|花生酱|peanut butter|"
                "first time _3 amoxicillin|@meds _4 first time"),
        CONCEPT(C_THROAT_SWELL, "face _3 swelling|face _2 swell*|脸肿|脸 _2 肿|"
                                "mặt _2 sưng|sưng _2 mặt"),
        CONCEPT(C_BREATHLESS, "hard to breath*|咻咻|呼吸 _2 有声|thở _2 rít|"
                              "喘气 _3 费劲|呼吸 _3 费劲|喘气 _3 困难"),
        /* Intent: enough to not wake up, letters written, the way to go,
         * standing on a bridge asking about the jump. */
        CONCEPT(C_SUICIDE,
                "enough to not wake|enough to never wake|enough to die|"
                "enough to kill me|least painful way|painless way to go|"
                "written _3 letters _4 kids|goodbye letter*|suicide note|"
                "tonight is the night|saved up _4 pills|遗书|够 _3 死|"
                "打算 _2 试|今晚 _3 打算|đứng trên cầu|nhảy xuống _3 có đau|"
                "thư tuyệt mệnh|viết thư _3 tạm biệt"),
        CONCEPT(C_DESPAIR, "没人在乎|没有人在乎|don't see the point|"
                           "dont see the point|no point anymore|"
                           "không ai quan tâm"),
        /* Atypical cardiac: back pain between the shoulder blades. */
        CONCEPT(C_RADIATE, "between _3 shoulder blades|肩胛|两肩之间|"
                           "bả vai|giữa hai bả vai|背 _2 很痛|背痛"),
        /* Elderly or diabetic: with sweat and nausea or stomach upset,
         * the cardiac picture without chest pain. */
        CONCEPT(C_RISK, "diabetic|diabetes|糖尿病|tiểu đường|tieu duong|"
                        "smoker|吸烟|hút thuốc"),
        CONCEPT(C_NAUSEA, "nause*|sick to _2 stomach|feels sick|"
                          "恶心|想吐|胃 _3 不舒服|胃里 _2 难受|上腹 _4 不舒服|"
                          "buồn nôn|buon non|khó chịu _2 bụng"),
        /* Hyperbole: "I want to die" said with a laugh, of an exam, a
         * meeting, or period pain. */
        {RF_BLOCK, C_SUICIDE, 0,
         "die _4 lol|die _4 haha|die _4 lmao|gonna die if|going to die if|"
         "die if i have to|痛到想死|疼到想死|痛得想死|疼得想死|笑死|"
         "muốn chết luôn á|chết luôn á|chết mất|muon chet luon a|"
         "tư vấn|tu van|không có ý định _3 tự tử|ko co y dinh _3 tu tu"},
        {RF_BLOCK, C_FAINT, 0,
         "đau _3 muốn xỉu|dau _3 muon xiu|"
         "痛到 _2 想晕|痛到 _2 快晕"},
        {RF_BLOCK, C_POISON, 0,
         "会中毒|sẽ bị ngộ độc|có bị ngộ độc không|"
         "would _2 be poisonous|is it poisonous"},
        {RF_BLOCK, C_ARM_WEAK, 0,
         "稍微 _2 无力|有点 _2 无力|slightly weak|"
         "a bit weak|hơi yếu"},
        CONCEPT(C_HEAD_INJURY,
                "鼓起 _6 包|头 _4 鼓起|摔到地上|从 _4 摔下|rolled off|"
                "fell off _3 bed|fell off _3 table|took a _2 hit|hard hit|"
                "knocked out|tackled|ngã từ _3 giường|té từ _3 giường|"
                "lăn _3 xuống"),
        /* Cardiac pain that nitrates do not relieve. */
        CONCEPT(C_CHEST_SEVERE,
                "nitro _6 didn't help|nitro _6 not help*|nitro _6 no help|"
                "nitroglycerin _6 didn't|gtn _6 didn't help|"
                "硝酸甘油 _6 没用|舌下 _6 没用|ntg _6 没用|含了 _6 没用|"
                "ngậm _6 không đỡ"),
        CONCEPT(C_RADIATE, "chest and arm|chest and _2 left arm|"
                           "chest _3 and _2 arm"),
        /* Exertion explains sweat and breathlessness. */
        CONCEPT(C_EXERTION, "after the gym|after exercise|after running|"
                            "after _2 workout|at the gym|after _2 run|"
                            "运动后|跑步后|健身后|爬楼梯后|tập gym xong|"
                            "sau khi tập|sau khi chạy"),
        /* "A bit" sleepy is not lethargy. */
        {RF_BLOCK, C_LETHARGY, 0,
         "有点 蔫|有点 _2 没精神|有点 _2 精神 _2 差|有点 _2 嗜睡|"
         "a bit _2 sleepy|a little _2 sleepy|slightly _2 sleepy|"
         "a bit _2 drowsy|a bit _2 tired|hơi _2 lừ đừ|hơi _2 mệt"},
        /* Jaw pain with a dental cause, sweating at night or after
         * exercise: not the atypical cardiac picture. */
        {RF_BLOCK, C_RADIATE, 0,
         "grinding|tmj|clench*|dentist|wisdom tooth|咬牙|磨牙|颞颌|智齿|牙医|"
         "nghiến răng|răng khôn"},
        {RF_BLOCK, C_COLD_SWEAT, 0,
         "night sweat*|sweat* _2 at night|after the gym|after exercise|"
         "in summer|晚上 _2 出汗|盗汗|运动 _3 出汗|夏天 _3 出汗|"
         "đổ mồ hôi đêm|mồ hôi trộm"},
        /* Fear of what may happen ("scared I won't wake up after the
         * anaesthesia") is not what is happening. */
        {RF_BLOCK, C_NONE, 0,
         "scared i won't wake|afraid i won't wake|worried i won't wake|"
         "scared i'll never wake|afraid i'll never wake|"
         "won't wake up after _3 anaesthe*|won't wake up after _3 anesthe*|"
         "won't wake up after _3 surgery|怕 _3 醒不来|担心 _3 醒不来|"
         "sợ _3 không tỉnh lại"},
        /* Atypical cardiac pain: jaw, back or a heavy arm (with sweat or
         * breathlessness, as in women, the elderly and diabetics). */
        CONCEPT(C_RADIATE, "jaw ach*|jaw _2 hurt*|jaw _2 pain*|jaw _2 ache*|"
                           "back and jaw|jaw and back|arm _3 heavy|"
                           "pain in _4 jaw|pain in _5 left arm|"
                           "heavy _2 arm|下巴 _2 酸|下巴 _2 疼|下巴 _2 痠|"
                           "下颌 _2 痛|牙床 _2 酸|hàm _2 đau|đau _2 quai hàm|"
                           "tay trái _3 nặng"),
        /* Intent phrased as a question: how many, how much, which
         * medicine, so as not to wake up. */
        CONCEPT(C_SUICIDE,
                "how many _6 not wake up|how much _6 not wake up|"
                "how many _6 never wake up|how many _6 to die|"
                "how many _6 kill me|how much _6 kill me|"
                "what _4 never wake up|take _4 to not wake up|"
                "pills _6 not wake up|painless way _4 die|"
                "painless way _4 end|quickest way _4 die|"
                "多少 _12 不会醒|多少 _12 一睡不醒|"
                "多少 _12 醒不来|什么药 _6 一睡不醒|什么药 _6 不会醒|"
                "一睡不醒|永远 _2 醒不来|吃 _4 就不会醒|怎么 _4 死 _2 不痛|"
                "bao nhiêu _6 không tỉnh|bao nhiêu _6 chết|"
                "uống _6 không tỉnh lại|ngủ _2 không bao giờ dậy|"
                "thuốc gì _6 ngủ luôn|không bao giờ tỉnh lại"),
        CONCEPT(C_VOICE, "hoarse*|lost _2 voice|laryngitis|sore throat|"
                         "voice _3 gone|no voice|tonsil*"),
        CONCEPT(C_VOICE, "嘶哑|失声|喉咙痛|咽喉痛|嗓子 _2 哑|嗓子 _2 痛|咽炎"),
        CONCEPT(C_VOICE, "khàn tiếng|mất tiếng|đau họng|viêm họng|khản tiếng|"
                         "viêm thanh quản"),

        /* ---- composed from word classes (redflag_classes.c) ---- */
        CONCEPT(C_FACE_DROOP, "@face_part _6 @droop_w|@droop_w _4 @face_part|"
                              "@side_w side of _2 @face_part _6 @droop_w"),
        CONCEPT(C_NUMB_SIDE, "@side_w _2 @limb _6 @limb _8 @numb_weak|"
                             "@numb_weak _4 @side_w _2 @limb _6 @limb|"
                             "@onset _6 @side_w _2 @limb _4 @numb_weak|"
                             "@side_w _2 @limb _4 @numb_weak _6 @onset"),
        CONCEPT(C_POISON,
                "@ingest _5 @household_poison|"
                "@od_verb _3 #many _3 @meds|@od_verb _3 @many_of _3 @meds|"
                "@od_verb _2 #many _2 of _3 @meds|"
                "@cn_ingest _4 @household_poison|"
                "@cn_ingest _3 @cn_many _3 @cn_meds|"
                "把 _6 @cn_meds _3 @cn_ingest _3 @cn_many|"
                "@vi_ingest _3 @vi_many _3 @vi_meds|"
                "@vi_ingest _3 #many viên|@vi_ingest _2 @vi_meds _3 @vi_many"),
        CONCEPT(C_POISON, "@cn_ingest _4 @cn_poison|@vi_ingest _4 @vi_poison"),
        CONCEPT(C_INGEST_MED, "@ingest _4 @meds|found _4 @meds _4 ate|"
                              "把 _6 @cn_meds _4 @cn_ingest|"
                              "偷吃 _4 @cn_meds|误 _2 @cn_ingest _4 @cn_meds|"
                              "@cn_ingest _3 @cn_many _2 @cn_meds|"
                              "@vi_ingest _4 @vi_meds _4 của|"
                              "@vi_ingest nhầm _4 @vi_meds"),
        CONCEPT(C_SUICIDE, "@intent _3 @suicide_obj|@end_v it _2 tonight|"
                           "@end_v it _2 for good"),
        CONCEPT(C_BURN, "@burn_src|@cn_burn|@vi_burn"),
        CONCEPT(C_CHEST_PAIN, "@chest_sens _5 chest|chest _4 @chest_sens"),
        CONCEPT(C_RADIATE, "@spread_v _4 @radiate_to|"
                           "@radiate_to _3 @spread_v _3 chest"),
        CONCEPT(C_CANT_BREATHE,
                "@reliever _4 @not_help|@cn_reliever _4 @cn_not_help|"
                "thuốc xịt _4 không đỡ|thuốc xịt _4 không ăn thua|"
                "can only say _3 words|can't finish _2 sentence*|"
                "can't speak _2 full sentence*|"
                "@become _2 blue _4 @lip_face|"
                "@become _2 purple _4 @lip_face"),
        CONCEPT(C_HEAVY_BLEED,
                "soak* _4 @pad_w|through _2 @pad_w _4 hour|"
                "@pad_w _4 every hour|@pad_w _3 an hour|"
                "@pad_w _3 every #n minute*|@bleed_n _4 @nonstop|"
                "passing blood _8 @amount_lot|"
                "blood from _3 back passage _8 @amount_lot|"
                "rectal bleeding _6 @amount_lot|@cn_bleed _4 @cn_lot|"
                "@cn_bleed _10 @cn_nonstop|"
                "卫生巾 _4 湿透|卫生棉 _4 湿透|一小时 _4 湿透"),
        CONCEPT(C_BLACK_STOOL, "@stool_n _4 @black_w|@black_w _3 @stool_n"),
        CONCEPT(C_COUGH_BLOOD, "cough* up _6 blood|bright red blood _4 cough*"),
        CONCEPT(C_CONFUSION,
                "@onset _4 @confused_w|@confused_w _6 since _2 @time_recent|"
                "@confused_w _8 @acute_change"),
        CONCEPT(C_LETHARGY, "can't stay awake|cannot stay awake|"
                            "struggling to stay awake|keeps falling asleep|"
                            "keeps nodding off|won't stay awake"),
        CONCEPT(C_HEAD_SIGN, "can't stay awake|cannot stay awake|"
                             "struggling to stay awake|keeps falling asleep|"
                             "keeps nodding off|won't stay awake"),
        CONCEPT(C_SUICIDE, "@jump_v off _3 @height|@jump_v from _3 @height|"
                           "@jump_v in front of _3 train|"
                           "@jump_v in front of _3 car|"
                           "@jump_v in front of _3 bus"),
        CONCEPT(C_DESPAIR,
                "can't do this anymore|can't take it anymore|"
                "can't take this anymore|can't cope anymore|"
                "can't go on|no way out|nobody would care|"
                "no one would care|nobody would miss me|"
                "no one would miss me|hopeless|done with life|"
                "give up on life|giving up on life|撑不下去|熬不下去|"
                "没有希望|绝望|没人在乎|không chịu nổi nữa|bế tắc|"
                "tuyệt vọng|không ai quan tâm"),
        CONCEPT(C_MEANS, "pills in front of me|pills _3 ready|tablets _3 ready|"
                         "got the pills|have the pills|saved up _2 pills|"
                         "bought _2 rope|a rope|razor blade*|the blade|"
                         "on the ledge|on the roof|on the bridge|loaded gun|"
                         "药 _3 准备好|准备好了 _3 药|安眠药 _3 攒|绳子|刀片|"
                         "thuốc _3 chuẩn bị sẵn|dây thừng|dao lam"),
        CONCEPT(C_POISON, "od'd|od'ed|oded|od on|overdid _3 @meds"),
        CONCEPT(C_NEWBORN, "#m3 wk|#n wk old|#n wks old|#n wks|#n wo|"
                           "#n days old|#n d old|#n week old"),
        CONCEPT(C_SEIZURE, "@first_w _2 fit|@first_w _2 seizure*|"
                           "fit _3 for the first time"),
        CONCEPT(C_BURN_SEVERE, "electrocuted|electrocution|live wire|"
                               "high voltage|shock from _3 wire|"
                               "shock from _3 socket|触电|被电 _2 到|"
                               "bị điện giật|điện giật"),
        CONCEPT(C_BURN_BAD,
                "@big_w _3 @burn_area|@burn_area _3 @big_w|"
                "skin _4 white|skin _4 charred|skin _4 black|"
                "skin _4 leathery|skin _4 peel* off|skin _3 came off|"
                "skin _3 peeling|skin _3 melted|doesn't _2 hurt|"
                "no pain _3 middle|charred|blackened|"
                "face _3 burn*|burn* _4 face|burn* _4 eyes|eyes _4 burn*|"
                "burn* _4 genitals|burn* _4 airway|breathed in _3 smoke|"
                "size of _2 hand|bigger than _2 palm|"
                "大面积|整条|整个|一大片|大片|全身|皮 _3 掉|皮 _3 脱|"
                "起 _2 大 _2 水泡|水泡 _3 很大|发白|焦黑|烧焦|脸 _3 烫|"
                "mảng lớn|cả mảng|diện rộng|khắp người|cả người|tróc da|"
                "bong da|phồng rộp _3 lớn|da _3 trắng bệch|cháy đen|"
                "cả cánh tay|cả chân|cả mặt|ngực và bụng|ngực _3 bụng"),
        CONCEPT(C_BURN_SEVERE,
                "third degree burn*|3rd degree burn*|full thickness burn*|"
                "severe burn*|badly burned|badly burnt|burned badly|"
                "burnt badly|serious burn*|三度烧伤|三度烫伤|深度烧伤|"
                "严重烧伤|严重烫伤|重度烧伤|bỏng độ 3|bỏng độ ba|bỏng nặng|"
                "bỏng sâu"),
        CONCEPT(C_BURN_MINOR,
                "small burn*|tiny burn*|minor burn*|little burn*|"
                "slight burn*|mild burn*|small blister*|tiny blister*|"
                "burn* _3 finger*|finger* _3 burn*|size of a pea|"
                "pea sized|coin sized|一下|一小块|小块|手指|一点|bỏng nhẹ|"
                "một chút|ngón tay|"
                "sunburn*|sun burn*|晒伤|cháy nắng"),

        /* ---- negation ---- */
        CUE(RF_NEG_PRE, 5,
            "no|not|never|without|denies|denied|deny|none|nor|neither|"
            "no longer|free of|negative for|absence of|don't|doesn't|"
            "didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|hadn't|"
            "dont|doesnt|didnt|havent|hasnt|nothing like|ruled out"),
        CUE(RF_NEG_PRE, 4,
            "没有|没|无|未|并未|从未|从来没|从没|否认|不是|并没有|不再|"
            "不曾|排除"),
        CUE(RF_NEG_PRE, 2, "不"),
        CUE(RF_NEG_PRE, 4,
            "không|không có|không bị|chưa|chưa từng|chưa bao giờ|"
            "chẳng|chả|không hề|không còn|đâu có|không thấy|"
            "loại trừ"),
        CUE(RF_NEG_PRE, 2, "hết|đã hết"),
        CUE(RF_NEG_POST, 4,
            "went away|has gone|is gone|are gone|resolved|disappeared|"
            "was ruled out|were ruled out|was negative|has stopped|"
            "stopped|subsided|has passed|is over|settled|eased off"),
        CUE(RF_NEG_POST, 4,
            "消失了|已消失|已经好了|好了|缓解了|停了|止住了|没了|"
            "已经停|不见了|已排除|排除了"),
        CUE(RF_NEG_POST, 4,
            "đã hết|hết rồi|đã khỏi|khỏi rồi|đã ngừng|đã đỡ|"
            "đỡ rồi|đã cầm|không còn nữa|đã tan|được loại trừ"),
        CUE(RF_NEG_SENT, 0,
            "but it passed|it passed|passed after|it went away|"
            "went away after|it stopped after|then it stopped|it settled|"
            "it eased|it's fine now|its fine now|all fine now|"
            "back to normal now|was fine after|were fine after|"
            "fine after _3 minutes|后来 _2 好了|后来就好了|就好了|"
            "一会儿就好|过了一会 _3 好了|现在没事了|sau đó _3 hết|"
            "một lúc _3 hết|giờ _2 bình thường|giờ _2 ổn rồi"),
        CUE(RF_HYPO_PRE, 6,
            "how to use|how do i use|how do you use|when to use|"
            "how to store|where to buy|can too much|could too much|is too "
            "much|too much _3 damage|"
            "how much _3 is too much|how many _3 is too many|"
            "long term|long-term|吃多了会|吃太多会|uống nhiều _3 có hại"),
        CUE(RF_HYPO_POST, 4,
            "damage the|harm the|be harmful|bad for the|long term|"
            "có hại không|会伤"),
        CUE(RF_PSEUDO, 0,
            "isn't making _2 sense|not making _2 sense|doesn't make _2 sense"),
        CUE(RF_PSEUDO, 0,
            "no matter|no idea|no doubt|not sure|not only|not just|"
            "isn't help*|aren't help*|wasn't help*|isn't work*|"
            "aren't work*|didn't work|don't help|don't work|"
            "not certain|don't know|do not know|doesn't know|didn't know|"
            "not getting better|not improving|not going away|"
            "doesn't go away|won't go away|didn't go away|"
            "hasn't gone away|never went away|not gone|not resolved|"
            "hasn't resolved|hasn't stopped|not stopped|not stopping|"
            "doesn't stop|won't stop|can't stop|not normal|not right|"
            "no reason|no relief|not help*|doesn't help|didn't help|"
            "not work*|doesn't work|no better|not better|"
            "not been able|no one|nobody|not responding|no response|"
            "not breathing|not waking|not feeding|not drinking|"
            "not alert|not making sense|not himself|not herself|"
            "doesn't recogni*|not even|no way|nothing helps"),
        CUE(RF_PSEUDO, 0,
            "不知道|不知|不清楚|不确定|不晓得|不懂|不停|不断|不止|不住|"
            "不了|不得了|不行|不舒服|不对劲|不能|不动|不出|不来|"
            "会不会|是不是|有没有|能不能|要不要|好不好|算不算|严不严重|"
            "无法|无力|无缘无故|没办法|没法|没多久|没过多久|不久|"
            "没想到|未来|不适|不清|不醒|不起|不上|不过|不得|不下|"
            "没用|没效|没有效果|无效|不见好|没好|还没好|没有好转|"
            "不退|没退|不省人事|不遂|不利索|不灵|不褪|无精打采|"
            "不吃不喝|不吃奶|不肯|不喝奶|不认识|不认得|没精神|"
            "没有消失|没有缓解|没有停|没停|毫无|没反应|没有反应|"
            "没有尿|没知觉|没有知觉|"
            "不应|没有回应|没有人|不在|从来没有这么|从来没有过这样|"
            "不小心|不注意|不慎|不经意|不知不觉|准备好了|准备好"),
        CUE(RF_PSEUDO, 0,
            "không biết|không rõ|không hiểu|không ngừng|không dứt|"
            "không thể|không được|không khỏi|không đỡ|không giảm|"
            "không hết|không nổi|có phải|hay không|không ổn|chưa đỡ|"
            "chưa khỏi|chưa giảm|chưa hết|hết sức|chưa biết|chưa rõ|"
            "không cầm|không tỉnh|không phản ứng|không nhận ra|"
            "không nhấc|không cử động|không chịu|không bú|"
            "không thở|không nhìn|không thấy gì|"
            "không trả lời|không còn phản ứng|không đi tiểu|"
            "không mất|không biến mất|không tỉnh táo|"
            "chưa từng có|vẫn không|mà không|chưa bao giờ đau|"
            "chưa từng đau"),
        /* ---- hypothetical, imminent, past, present ---- */
        CUE(RF_HYPO_PRE, 8,
            "if|what if|in case|whether|prevent*|avoid*|risk of|risks of|"
            "at risk|chance of|chances of|sign* of|symptom* of|"
            "warning sign*|how to tell|how do i know|how can i tell|"
            "how to recogni*|worried about getting|afraid of getting|"
            "scared of getting|fear of|can _3 cause|could _3 cause|"
            "does _3 cause|do _3 cause|will _3 cause|might _3 cause|"
            "may _3 cause|side effect*|lead to|leads to|"
            "increase* _3 risk|information on|information about|"
            "learn about|what causes|causes of|difference between|"
            "screen* for|check for|rule out|first aid for|"
            "what to do when|what to do if|in the event|"
            "reduce _3 risk|lower _3 risk|protect _4 from|"
            "cause* of|what is a|what are"),
        CUE(RF_HYPO_PRE, 8,
            "might need|may need|in the future|in future|is it safe|"
            "làm sao để biết|làm thế nào biết|làm sao nhận biết|"
            "cách nhận biết|cách biết|以后会不会|将来"),
        CUE(RF_HYPO_PRE, 2, "what is|what's|what does|define"),
        CUE(RF_HYPO_PRE, 3, "does|do"),
        CUE(RF_HYPO_PRE, 10,
            "如果|假如|假设|万一|要是|若是|预防|避免|以免|防止|风险|"
            "几率|概率|会不会|会导致|会引起|可能导致|可能引起|怎么判断|"
            "如何判断|怎样判断|怎么知道|如何知道|怎么分辨|如何区分|怎样知道|"
            "怎么才知道|如何得知|怎么确定|怎么判断|"
            "担心会|害怕会|怕会|担心 _2 得|副作用|是否会|能否|什么是|"
            "怎样预防|如何预防"),
        CUE(RF_HYPO_POST, 6,
            "有什么症状|有哪些症状|的症状|症状是什么|的征兆|的前兆|"
            "的先兆|的原因|怎么预防|如何预防|的风险|风险|的话|"
            "的危险因素|的表现|有哪些表现|有哪些前兆|有什么前兆|前兆|征兆|"
            "先兆|早期症状|早期表现|有哪些危害|的危害|prevention|"
            "risk factors"),
        CUE(RF_HYPO_POST, 6,
            "là gì|có triệu chứng gì|có dấu hiệu gì|có biểu hiện gì|"
            "phòng ngừa|phòng tránh|như thế nào là|dấu hiệu nào|"
            "có những dấu hiệu"),
        CUE(RF_HYPO_PRE, 8,
            "nếu|giả sử|lỡ như|phòng ngừa|phòng tránh|ngăn ngừa|"
            "phòng bệnh|nguy cơ|dấu hiệu của|triệu chứng của|"
            "dấu hiệu nhận biết|làm sao biết|làm thế nào để biết|"
            "làm sao để nhận biết|có gây|có thể gây|gây ra|tác dụng phụ|"
            "sợ bị|lo bị|lo lắng bị|khả năng bị|có nguy cơ|cách sơ cứu|"
            "sơ cứu khi|phân biệt|thế nào là|tránh bị|biểu hiện của"),
        CUE(RF_FUTURE, 3, "going to|gonna|about to|almost|nearly|close to"),
        CUE(RF_FUTURE, 3, "快要|差点|差一点|几乎|险些|感觉要|好像要|要"),
        CUE(RF_FUTURE, 2, "suýt|muốn|sắp|gần như|như sắp|như muốn"),
        CUE(RF_HIST, 0,
            "after a stroke|after his stroke|after her stroke|"
            "after my stroke|after the stroke|post stroke|since _2 stroke|"
            "复健|复建|中风后|中风以后|脑梗后|脑梗以后|sau _2 đột quỵ|"
            "sau _2 tai biến"),
        CUE(RF_HIST, 0,
            "years ago|year ago|months ago|month ago|weeks ago|"
            "last year|last month|in #yr|back in #yr|as a child|"
            "when i was _2 young|when i was _2 child|when i was _2 kid|"
            "when i was _2 little|when i was _2 teenager|childhood|"
            "history of|hx of|in the past|previous*|prior|used to|"
            "once had|years back|decades|long time ago|long ago|"
            "died|passed away|recovering|recovery|rehab*|survivor|"
            "since childhood"),
        CUE(RF_CHRONIC, 0,
            "for years|for months|over the years|for decades|"
            "since many year*|since #n years|多年|几年|好几年|#n 年了|"
            "十几年|几十年|mấy năm|nhiều năm|mấy tháng nay|#n năm nay|"
            "#n năm rồi|mấy năm rồi|lâu năm|nhiều năm nay|#n tháng rồi|"
            "hơn #n năm|từ lâu"),
        CUE(RF_HIST, 0,
            "年前|个月前|去年|前年|以前|从前|小时候|既往|病史|曾经|"
            "过去|康复|后遗症|去世|过世|死于|那年|当年|年轻时|"
            "周前|星期前|#yr 年|有一次|有一回"),
        CUE(RF_HIST, 0,
            "năm trước|năm ngoái|tháng trước|"
            "hồi nhỏ|lúc nhỏ|khi còn nhỏ|trước đây|tiền sử|đã từng|"
            "từng bị|ngày xưa|hồi trước|qua đời|đã mất|di chứng|"
            "phục hồi|tuần trước|năm #yr|hồi #yr|"
            "cách đây _2 năm|#n năm trước"),
        CUE(RF_PRESENT, 0,
            "now|right now|currently|again|today|tonight|"
            "this morning|this evening|this afternoon|at the moment|"
            "suddenly|just now|started|"
            "since yesterday|hour* ago|minute* ago|day* ago|yesterday|"
            "last night|this week|just had|has just|have just"),
        CUE(RF_PRESENT, 0,
            "现在|目前|正在|刚才|刚刚|今天|今晚|今早|又|再次|"
            "突然|小时前|分钟前|天前|昨天|昨晚|这两天|这几天"),
        CUE(RF_PRESENT, 0,
            "bây giờ|hiện tại|hiện giờ|đang|vừa|vừa mới|lại|hôm nay|"
            "tối nay|sáng nay|đột nhiên|đột ngột|giờ|"
            "tiếng trước|phút trước|hôm qua|tối qua|mấy hôm nay"),
        CUE(RF_BOUNDARY, 0,
            "but|however|although|though|yet|except|because|since|so|"
            "whereas|while|and now|then|anyway|and i|and he|and she|and my|"
            "and it|and we|and they|and his|and her"),
        CUE(RF_BOUNDARY, 0,
            "但|但是|可是|不过|然而|却|只是|因为|所以|而且|然后|现在|"
            "结果|后来"),
        CUE(RF_BOUNDARY, 0,
            "nhưng|tuy nhiên|song|vì|bởi vì|nên|rồi|sau đó|giờ|"
            "bây giờ|thì|còn|và tôi|mà tôi"),
        {RF_BLOCK, C_CANT_BREATHE, 0,
         "not breathing well|not breathing properly|not breathing right|"
         "not breathing normally|not breathing through"},
        {RF_BLOCK, C_VOMIT, 0,
         "vomit* once|threw up once|thrown up once|vomited one time|"
         "吐了一次|吐过一次|吐了一下|nôn một lần|ói một lần"},
        CUE(RF_BLOCK, 0,
            "food poisoning|"
            "stroke volume|stroke rate|swimming stroke|"
            "collapsed lung|lung _2 collapse*|breathe _3 through _2 nose|"
            "breathe out of _2 nose|stuffy nose|blocked nose|"
            "sleep apnea|sleep apnoea|stop* breathing _4 sleep*|"
            "choking sensation|feeling of choking|choking feeling|"
            "faint line|heart attack risk|stroke risk|fits _2 well|"
            "it fits|fits me|blood streak*|streak* of blood|"
            "blood tinged|tinged with blood|specks of blood|"
            "flecks of blood|spots of blood"),
        CUE(RF_BLOCK, 0,
            "食物中毒|鼻塞|鼻子 _4 呼吸|睡眠呼吸暂停|痰中带血|痰 _2 血|"
            "鼻 _3 不能呼吸"),
        CUE(RF_BLOCK, 0,
            "ngộ độc thực phẩm|ngộ độc thức ăn|nghẹt mũi|ngạt mũi|"
            "mũi _4 thở|ngưng thở khi ngủ|ngừng thở khi ngủ|"
            "đau _3 muốn chết|đau _3 gần chết|mệt _3 muốn chết|"
            "sợ _3 muốn chết|ngứa _3 muốn chết|đói _3 muốn chết|"
            "nóng _3 muốn chết|lạnh _3 muốn chết|chán _3 muốn chết|"
            "đờm _3 máu|bị sốc khi|sốt ruột"),
        {RF_BLOCK, C_STROKE, 0, "heat stroke|heatstroke|sun stroke|sunstroke"},
        {RF_BLOCK, C_FAINT, 0, "sốc nhiệt"},
        /* ---- kinds from the ext-b and ext-c misses (2026-12-07) ----
         * Each concept is written for its kind in every language, not
         * for a sentence: danger in pregnancy (MTS "pregnancy" and
         * "abdominal pain" discriminators), testicular torsion, eye
         * chemicals, near-drowning, electric shock, heat stroke, head
         * injury on a blood thinner, low and high blood sugar, sepsis
         * and surgical complications, organophosphates, amputation. */
        CONCEPT(C_PREGNANT,
                "missed _2 period|period _3 late|late period|"
                "positive pregnancy test|pregnancy test _3 positive|"
                "#n weeks along|停经|月经 _3 晚了|月经 _3 没来|两条线|"
                "验孕 _3 阳性|验孕 _3 两条|孕 #n 周|怀孕 _3 周|trễ kinh|"
                "chậm kinh|que thử _3 hai vạch|hai vạch|bầu #n tuần|"
                "thai #n tuần"),
        CONCEPT(C_ABD_PAIN,
                "belly _3 hurt*|belly _3 pain*|belly ache|stomach pain*|"
                "stomach _3 hurt*|abdominal pain*|abdomen _3 pain*|"
                "tummy _3 hurt*|pain _4 lower _2 belly|pain _4 low on|"
                "pain _4 right side|pain _4 left side|pain low _3 side|"
                "cramp*|contraction*|肚子 _3 痛|肚子 _3 疼|腹痛|腹 _3 痛|"
                "腹 _3 疼|下腹 _4 痛|小腹 _4 痛|肚子 _4 硬|一侧 _3 痛|"
                "一阵一阵 _3 硬|肚子 _3 发硬|宫缩|đau bụng|bụng _3 đau|"
                "bụng _3 gò|gò cứng|quặn _2 bụng|đau _3 bụng dưới|"
                "bụng dưới _3 đau|đau _3 một bên"),
        CONCEPT(C_ABD_SEVERE,
                "severe _3 belly|severe _3 abdominal|severe _3 stomach|"
                "sharp pain _4 side|sharp pain _4 belly|sharp pain _4 low|"
                "belly _4 hard|belly _4 rigid|rigid _2 belly|"
                "abdomen _4 rigid|abdomen _4 hard|hurts everywhere|"
                "stomach _4 rigid|doubled over|writhing|"
                "腹 _3 剧痛|肚子 _3 剧痛|剧烈 _3 腹痛|腹部 _3 剧痛|"
                "痛得 _4 打滚|疼得 _4 打滚|痛 _3 打滚|疼 _3 打滚|"
                "肚子 _4 硬邦邦|肚子 _4 硬硬|腹 _4 硬|板状腹|"
                "肚子 _6 痛到不行|腹 _6 痛到不行|突然 _3 腹 _3 痛|"
                "突然 _4 肚子 _3 痛|突然 _3 痛到不行|下腹 _4 突然 _3 痛|"
                "đau bụng _3 dữ dội|đau _3 bụng _3 dữ dội|bụng _3 cứng|"
                "đau quặn _3 dữ dội|đau bụng _3 không chịu nổi|"
                "quằn quại|lăn lộn"),
        CONCEPT(C_VAG_BLEED,
                "bleeding|bleed|spotting|blood|spot*|"
                "出血|流血|见红|有血|血 _3 越来越多|ra máu|ra huyết|"
                "chảy máu"),
        CONCEPT(C_TRAUMA, "fell|fall|slipped|tripped|hit by|crash*|was hit|"
                          "hit _3 belly|kicked|punched|car accident|"
                          "摔|撞|跌倒|车祸|被 _3 撞|踢到|ngã|té|đập bụng|"
                          "tai nạn|bị đánh|va chạm"),
        CONCEPT(C_FETAL_LESS,
                "baby _3 moving less|baby _3 not moving|fewer movements|"
                "less movement*|not felt _3 baby|can't feel _3 baby _3 move|"
                "reduced _2 movement*|胎动 _4 少|胎动 _4 减少|胎动 _4 没有|"
                "没有 _2 胎动|感觉不到 _2 胎动|thai _3 máy ít|thai _3 ít máy|"
                "không thấy _3 thai _2 máy|thai _3 không máy"),
        CONCEPT(C_BP_HIGH,
                "pressure _4 #bphi|bp _4 #bphi|#bphi over #n|"
                "#bphi #n mmhg|血压 _4 #bphi|量 _3 #bphi|huyết áp _4 #bphi|"
                "đo _3 #bphi"),
        CONCEPT(C_BP_LOW,
                "pressure _4 #bplo #n|bp _4 #bplo #n|#bplo over #n|"
                "血压 _4 #bplo #n|量 _3 #bplo #n|huyết áp _4 #bplo #n|"
                "đo _3 #bplo #n"),
        CONCEPT(C_VISUAL,
                "flashing lights|flashes|seeing spots|spots _3 vision|"
                "blurr* _2 vision|vision _3 blurr*|see _3 stars|"
                "闪光|眼前 _3 冒金星|看 _3 模糊|视线模糊|视力模糊|"
                "眼花|nhìn _2 mờ|mắt _2 mờ|mắt nhìn hoa|hoa mắt|"
                "đom đóm mắt|nhìn _2 hoa"),
        CONCEPT(C_SHOULDER_TIP,
                "shoulder tip|tip of _2 shoulder|up to _2 shoulder|"
                "肩膀 _4 痛|肩 _3 痛|đau _3 vai|vai _3 đau"),
        CONCEPT(C_TESTIS, "testic*|testis|testes|scrot*|ball sack|"
                          "睾丸|蛋蛋|阴囊|tinh hoàn|hòn dái|bìu|trứng dái"),
        CONCEPT(C_EYE_CHEM,
                "@household_poison _6 eye*|cleaner _6 eye*|lime _6 eye*|"
                "cement _6 eye*|acid _6 eye*|alkali _6 eye*|"
                "chemical* _6 eye*|eye* _6 @household_poison|"
                "eye* _6 chemical*|eye* _6 cleaner|"
                "@cn_poison _6 眼|石灰 _6 眼|碱 _6 眼|强酸 _6 眼|硫酸 _6 "
                "眼|盐酸 _6 眼|"
                "清洁剂 _6 眼|水泥 _6 眼|化学 _6 眼|眼 _6 @cn_poison|"
                "眼 _6 石灰|眼 _6 清洁剂|眼 _6 碱|"
                "@vi_poison _6 mắt|vôi _6 mắt|axit _6 mắt|hóa chất _6 mắt|"
                "nước tẩy _6 mắt|bồn cầu _6 mắt|mắt _6 @vi_poison|"
                "mắt _6 hóa chất|mắt _6 vôi"),
        CONCEPT(C_DROWN,
                "drown*|under _2 water|underwater|went under|"
                "slipped under|pulled _3 out of _2 water|"
                "pulled _3 out of _2 pool|溺水|呛水|淹 _2 水|掉 _3 水里|"
                "沉 _2 水|đuối nước|chết đuối|sặc nước|ngạt nước|"
                "chìm _3 nước"),
        CONCEPT(C_ELECTRIC,
                "electric shock|electrocut*|got a shock|got _2 shock from|"
                "shocked by|live wire|触电|被电|电到|电击|漏电|"
                "điện giật|bị giật điện|giật điện|chạm điện|took a shock|"
                "shock off|#n v line|#n volt*|high voltage|mains _2 shock|"
                "高压电|被电到|被电击|điện cao thế|bị điện _2 giật"),
        CONCEPT(C_PALPITATION,
                "heart _3 racing|racing heart|heart _3 pounding|"
                "heart _4 skipping|heart _3 fluttering|palpitation*|"
                "heart _3 irregular|heart rate _3 #5|心跳 _3 快|"
                "心跳 _3 乱|心慌|心悸|心跳 _2 超快|心跳 _2 巨快|"
                "心跳 _3 不规则|tim đập _3 nhanh|tim _3 đập loạn|"
                "hồi hộp|đánh trống ngực|tim _3 loạn nhịp"),
        CONCEPT(C_HEAT,
                "heat|hot day|in the sun|heatwave|heat wave|roof _4 all day|"
                "sauna|中暑|热射病|高温|大太阳|太阳下|暑|工地|田里|"
                "say nắng|sốc nhiệt|trời nóng|nắng nóng|ngoài nắng|"
                "dưới nắng"),
        CONCEPT(C_NO_SWEAT,
                "stopped sweating|not sweating|no sweat*|isn't sweating|"
                "hot and dry|dry and hot|hot dry skin|"
                "不 _2 流汗|没有 _2 流汗|不出汗|没出汗|没有出汗|"
                "không ra mồ hôi|không đổ mồ hôi|hết ra mồ hôi|"
                "người nóng ran|nóng ran"),
        CONCEPT(C_ALTERED,
                "confused|confusion|disoriented|drowsy|very sleepy|"
                "more sleepy|sleepier|hard to wake|stumbling|staggering|"
                "slurr*|mumbl*|not making sense|glassy|dazed|groggy|"
                "out of it|not with it|answers slowly|slow to answer|"
                "keeps repeating|repeating _3 same|keep forgetting|"
                "keeps forgetting|not himself|not herself|drifting off|"
                "糊涂|迷糊|意识 _2 不清|反应 _3 慢|反应 _3 迟钝|呆滞|"
                "爱理不理|不太 _2 回答|叫 _4 不太 _2 回答|讲话 _3 乱七八糟|"
                "说话 _3 乱七八糟|答非所问|走路 _3 晃|走路 _3 不稳|"
                "嗜睡|越来越困|越来越 _2 想睡|一直想睡|很想睡|昏昏沉沉|"
                "lơ mơ|lú lẫn|lảm nhảm|nói nhảm|gọi _3 không biết gì|"
                "không biết gì|lờ đờ|lừ đừ|đi _2 loạng choạng|"
                "mơ màng|ngủ li bì|nói _3 lung tung"),
        CONCEPT(C_ANTICOAG,
                "warfarin|coumadin|blood thinner*|anticoagul*|eliquis|"
                "apixaban|rivaroxaban|xarelto|dabigatran|pradaxa|"
                "edoxaban|clopidogrel|华法林|抗凝|阿哌沙班|利伐沙班|"
                "达比加群|波立维|氯吡格雷|thuốc chống đông|chống đông|"
                "kháng đông|sintrom"),
        CONCEPT(C_GLU_LOW,
                "sugar _4 #glow|glucose _4 #glow|meter _4 #glow|"
                "bg _3 #glow|reading _3 #glow|#glow mg|#glow mmol|"
                "血糖 _4 #glow|测 _3 #glow|đường huyết _4 #glow|"
                "đường _3 #glow|hypo|hypoglyc*|低血糖|hạ đường huyết"),
        CONCEPT(C_GLU_HIGH,
                "meter _4 hi|reads hi|says hi|sugar _3 too high to read|"
                "血糖 _4 hi|显示 _2 hi|血糖 _4 测不出|血糖 _4 爆表|"
                "máy _4 báo hi|đường huyết _4 hi"),
        CONCEPT(C_DIAB_MED,
                "insulin|glimepiride|gliclazide|glipizide|glibenclamide|"
                "glyburide|sulfonylurea|胰岛素|降糖药|格列美脲|格列齐特|"
                "格列吡嗪|优泌林|诺和|thuốc tiểu đường|tiêm insulin|"
                "thuốc hạ đường|diabetic|diabetes|糖尿病|tiểu đường"),
        CONCEPT(C_INFECTION,
                "infection|infected|uti|urine infection|antibiotic*|"
                "pneumonia|pus|oozing|cellulitis|wound _4 red|"
                "感染|发炎|抗生素|消炎药|肺炎|流脓|化脓|伤口 _4 红肿|"
                "nhiễm trùng|nhiễm khuẩn|kháng sinh|viêm phổi|mưng mủ|"
                "chảy mủ|vết mổ _4 sưng"),
        CONCEPT(C_POSTOP,
                "after surgery|after _2 operation|post op|post-op|"
                "discharge*|went home _4 ago|c section|c-section|"
                "caesarean|cesarean|after giving birth|since _2 surgery|"
                "手术后|术后|出院|剖腹产|剖宫产|开刀|sau mổ|sau phẫu thuật|"
                "xuất viện|ra viện|mổ đẻ|sinh mổ"),
        CONCEPT(C_SEPSIS_SIGN,
                "mottled|blotchy _3 skin|shaking chills|rigors|rigor|"
                "no urine|not peed|hasn't peed|barely peed|"
                "heart _3 racing|breathing _3 fast|cold hands and feet|"
                "花斑|发花|手脚冰冷|没什么尿|没有尿|没尿|尿 _3 很少|"
                "寒战|打寒颤|发抖|心跳 _3 快|呼吸 _3 快|"
                "da _2 nổi bông|nổi vân tím|rét run|run cầm cập|"
                "không đi tiểu|tay chân lạnh|thở _2 nhanh"),
        CONCEPT(C_PESTICIDE,
                "spray* _4 pesticide*|pesticide*|insecticide*|"
                "organophosph*|crop spray*|bug spray _4 drank|农药|杀虫剂|"
                "敌敌畏|有机磷|百草枯|thuốc sâu|thuốc trừ sâu|"
                "phun thuốc|thuốc diệt cỏ"),
        CONCEPT(C_CHOLINERGIC,
                "drool*|pinpoint pupils|tiny pupils|pupils _3 small|"
                "twitch*|muscle jerks|sweating buckets|"
                "流口水|瞳孔 _3 小|瞳孔 _3 缩|肌肉 _3 跳|抽动|"
                "chảy nước dãi|đồng tử _3 nhỏ|đồng tử co|run giật|"
                "giật cơ"),
        CONCEPT(C_AMPUTATION,
                "cut off _3 finger*|finger* _4 cut off|severed|"
                "finger* _3 came off|chopped off|amputat*|"
                "tip of _2 finger _4 off|手指 _4 断|断指|断了 _2 手指|"
                "手指 _4 切掉|切掉 _3 一截|切断|剁掉|截 _2 手指|"
                "đứt _3 ngón|ngón _3 đứt|cụt _2 ngón|cắt đứt|đứt lìa"),
        CONCEPT(C_DOOM,
                "feel* like _3 dying|going to die|feel* _3 about to die|"
                "sense of doom|快死了|要死了|要挂了|快不行了|"
                "cảm giác _3 sắp chết|sắp chết|như sắp chết"),
        CONCEPT(C_BURN_AIRWAY,
                "singed|eyebrows _3 burn*|eyebrows _3 gone|"
                "voice _3 hoarse|hoarse|soot|"
                "眉毛 _3 烧|眉毛 _3 掉|沙哑|声音 _3 哑|黑 _2 痰|"
                "cháy _2 lông mày|khàn giọng|giọng _3 khàn|khàn đặc|"
                "khàn tiếng"),
        CONCEPT(C_INFANT_DRY,
                "no wet diaper*|no wet napp*|dry nappies|hasn't peed|"
                "no tears|without tears|sunken soft spot|sunken eyes|"
                "没尿|没有尿|尿 _3 很少|哭 _3 没 _2 眼泪|哭 _3 没有 _2 眼泪|"
                "囟门 _3 凹|眼窝 _3 凹|không tè|không đi tiểu|"
                "khóc _3 không _3 nước mắt|thóp _2 lõm|mắt trũng"),
        /* Signs that go with those kinds, in the lexicons they
         * belong to. */
        CONCEPT(C_FAINT,
                "没反应了|没有反应了|不动了|一动不动|躺 _4 不动|"
                "can't get _2 to wake|can't get _2 to wake up|"
                "drops off again|won't stay awake|not moving|"
                "lying _4 not moving|lay _3 không dậy|gọi _3 không dậy|"
                "lay mãi không|nằm _4 không cử động|nằm _4 bất động|"
                "bất động|không cử động"),
        CONCEPT(C_HEAD_INJURY,
                "hit _5 head|cracked _2 head|smacked _2 head|"
                "fell _4 #n ft|fell _4 #n feet|fell _4 #n metres|"
                "fell _4 #n meters|fell _3 off _2 ladder|fell _3 roof|"
                "从 _4 楼 _3 摔|楼 _3 摔下|摔下来|磕到 _2 头|撞到 _2 头|"
                "ngã từ _4 tầng|té từ _4 tầng|rơi từ|ngã _3 đập đầu"),
        CONCEPT(C_HEAD_SIGN,
                "keep forgetting|keeps forgetting|repeating _3 same|"
                "asking _4 what day|keeps asking|more sleepy|"
                "越来越困|越来越 _2 想睡|反复问|一直问 _4 同样|记不得|"
                "không nhớ _3 gì|hỏi đi hỏi lại"),
        CONCEPT(C_VOMIT, "痛到吐|疼到吐|吐 #n 次|吐了 _3 次|还吐了|又吐|"
                         "nôn #n lần|nôn _2 mấy lần|có nôn"),
        CONCEPT(C_BREATHLESS,
                "breathing _3 fast|breathing _3 rapid*|fast breathing|"
                "呼吸 _3 快|呼吸 _3 浅|喘气 _3 呼噜|呼噜 _2 声|喘|"
                "thở _2 rít|thở _3 nhanh|thở _3 nông"),
        {RF_BLOCK, C_BREATHLESS, 0, "气喘|哮喘|喘息性"},
        CONCEPT(C_CANT_BREATHE,
                "can't get through _2 sentence|without stopping for air|"
                "讲不完 _3 句|说不完 _3 句|讲不完一句话|"
                "ribs _4 pulling in|pulling in _3 ribs|肋骨 _4 凹|"
                "鼻翼 _3 一张一张|嘴 _6 青|口周 _3 青|嘴唇 _3 青|"
                "thở _3 rút lõm|cánh mũi _3 phập phồng"),
        CONCEPT(C_HEAVY_BLEED,
                "bled through _4 towel*|through _3 towels|血流 _2 超多|"
                "血 _2 超多|流 _2 超多 _2 血|湿透 _4 卫生巾|"
                "血 _2 越来越多|máu _2 ồ ạt|ra máu ồ ạt|used a tourniquet|"
                "put a tourniquet|止血带 _3 绑|皮带 _3 绑|buộc garô"),
        CONCEPT(C_STIFF_NECK, "脖子 _3 硬|低不下头|颈 _3 僵|cổ _3 cứng đơ|neck "
                              "_3 hurts to bend"),
        CONCEPT(C_THROAT_SWELL, "tongue _4 big*|tongue _4 thick*|眼睛 _3 肿|"
                                "eyes _3 swollen shut|mắt _2 sưng híp"),
        CONCEPT(C_SWALLOW, "swallowing _4 hard|swallowing _4 difficult|"
                           "hard _3 to swallow|nuốt _4 khó|khó _2 nuốt"),
        CONCEPT(C_CHEST_SEVERE,
                "撕裂 _3 痛|撕裂样|撕裂一样|tearing pain _4 back|"
                "ripping _3 back|đau _2 như xé _3 lưng"),
        CONCEPT(C_BURN,
                "chay xang|cháy xăng|bị cháy|bỏng|烧到|烧了|烧伤|"
                "汤 _6 倒|开水 _6 倒|热水 _6 泼|burned|burnt|caught fire|"
                "气爆|引火|着火"),
        CONCEPT(C_BURN_BAD, "白白的|face|脸|面部|mặt|chest|胸口|起 _3 大 _2 泡|"
                            "好大的泡|大片"),
        CONCEPT(C_POISON, "@household_poison _12 @ingest|"
                          "@cn_poison _4 @cn_ingest|@vi_ingest mất _3 viên|"
                          "@cn_ingest _4 #n 颗 _6 药|@cn_ingest _4 十 _2 颗|"
                          "swallowed _3 few _4 @meds|got into _3 pill*|"
                          "降压药 _4 颗"),
        CONCEPT(C_SUICIDE, "how many _12 not wake up|how much _12 not wake up|"
                           "to just not wake up|just not wake up|"
                           "不想再醒|不想 _2 醒来|不要 _2 醒来|不再醒|"
                           "睡过去 _4 不再|才会 _4 肝衰竭|才会 _3 死|"
                           "bao nhiêu _8 đi luôn|đi luôn mà không đau|"
                           "chết _3 không đau|ngủ luôn không dậy"),
        CONCEPT(C_DESPAIR, "in case it _2 gets too much|if it _2 gets too much|"
                           "gets too much|撑不下去|受不了了|cho xong|"
                           "không chịu nổi nữa"),
        CONCEPT(C_MEANS, "@meds _8 for tonight|@meds _12 bedside drawer|"
                         "所有的药|全部吞|全部 _2 吞掉|mua sẵn _4 thuốc|"
                         "@vi_ingest hết|uống hết"),
        /* Hyperbole: blood spat over a boss, a game that makes one
         * want to die, a heart attack over a scolding. */
        {RF_BLOCK, C_VOMIT_BLOOD, 0,
         "气 _3 吐血|累 _3 吐血|加班 _4 吐血|忙 _3 吐血|写 _4 吐血|"
         "报告 _6 吐血|作业 _6 吐血|考试 _6 吐血|老板 _6 吐血|"
         "主管 _6 吐血|游戏 _6 吐血"},
        {RF_BLOCK, C_SUICIDE, 0,
         "难到 _3 想自杀|难到 _3 想死|加班 _4 想死|累到 _2 想死|"
         "累 _2 想死|游戏 _8 想死|游戏 _8 自杀|game _8 tự tử|"
         "game _8 muốn chết|khó muốn tự tử|到想死|到想自杀"},
        {RF_BLOCK, C_HEART_ATTACK, 0,
         "骂 _4 心脏病|气 _4 心脏病|吓 _4 心脏病|"
         "gave me a heart attack|nearly had a heart attack|"
         "almost had a heart attack"},
        {RF_BLOCK, C_FAINT, 0, "mệt _3 xỉu|muốn xỉu luôn|累 _3 晕"},
        {RF_BLOCK, C_THUNDER_HEADACHE, 0, "头 _2 都要炸"},
        {RF_BLOCK, C_ARM_WEAK, 0,
         "疫苗 _10 举不起|打完 _6 举不起|痠 _4 举不起|酸 _4 举不起|"
         "vaccine _8 can't lift|shot _8 can't lift|sore _4 can't lift|"
         "tiêm _8 không nhấc"},
        {RF_BLOCK, C_FACE_DROOP, 0,
         "face _6 photo*|photo* _6 face|照片 _6 脸|脸 _6 照片|"
         "ảnh _6 mặt|mặt _6 ảnh"},
        {RF_BLOCK, C_PREGNANT, 0,
         "tránh thai|ngừa thai|避孕|contracepti*|birth control"},
        CONCEPT(C_SEIZURE,
                "抽了 _3 分钟|抽了 _4 还没停|抽了一次|又 _2 开始抽|开始抽|"
                "抽 _2 第二次|一直 _2 抽|抽个不停"),
        CONCEPT(C_SEIZURE_LONG, "第二次|又 _2 开始抽|lần thứ hai|second one"),
        CONCEPT(C_NEWBORN,
                "娃 #d90 天|宝宝 #d90 天|#d90 天 _2 宝宝|#d90 天大|"
                "bé #d90 ngày|con #d90 ngày|#d90 days old|#d90 day old"),
        CONCEPT(C_FUMES, "热水器 _10 关|gas _2 heater _8 closed|"
                         "bình nóng lạnh _8 đóng kín"),
        CONCEPT(C_THUNDER_HEADACHE, "突然 _6 爆痛|像 _4 雷 _4 打|雷劈|"
                                    "like _3 hit by _3 lightning|như _3 sét"),
        CUE(RF_HIST, 0,
            "back in|last winter|last summer|last spring|last autumn|"
            "去年冬天|恢复期|已恢复|基本恢复|hồi cấp|hồi đó"),
        /* In care and stable, or recovered. */
        CUE(RF_CARED, 0,
            "stable|on the ward|doing well|back to normal|recovered|"
            "基本恢复|恢复期|"
            "mostly independent|got treatment|in remission|"
            "很稳定|稳定|平稳|普通病房|一般病房|加护病房 _4 稳定|"
            "走出来了|已经走出来|状况 _3 很好|已经 _2 恢复|救回来|"
            "qua cơn nguy kịch|qua giai đoạn nguy hiểm|đã ổn|ổn rồi|"
            "ổn định|phòng thường|tỉnh táo rồi|đã điều trị"),
        /* A general or second-hand question. */
        CUE(RF_GENERAL, 0,
            "just curious|out of curiosity|in a movie|in a film|"
            "first aid kit|what to pack|急救包|túi sơ cứu|"
            "in the news|read about|is it true|first aid course|"
            "first aid training|signs to watch for|"
            "只是好奇|好奇问问|好奇|科普|听说|游戏里|电影里|电视剧|"
            "新闻|急救培训|急救课|学生 _6 想了解|想了解一下|是真的吗|"
            "现实中|tò mò|hỏi cho biết|xem phim|trong phim|đọc báo|"
            "trên báo|lớp sơ cứu|tập huấn|có đúng là|có thật là"),
        CONCEPT(C_FETAL_LESS,
                "hasn't kicked|not kicked|no kicks|stopped kicking|"
                "kicks _3 less|kicking less|baby _3 hasn't moved|"
                "胎动 _3 不 _2 明显|thai _2 không đạp|con _2 không đạp|"
                "ít đạp|không thấy _2 đạp"),
        CONCEPT(C_ABD_PAIN, "pain _4 low down|pain _3 on the left|"
                            "pain _3 on the right|lower left|lower right"),
        CONCEPT(C_DESPAIR, "in case _3 gets too much|if _3 gets too much|"
                           "in case _3 too much|in case _3 can't cope"),
        CONCEPT(C_FAINT, "isn't moving|is not moving|won't answer"),
        CUE(RF_GENERAL, 0, "the movie|a movie|movies|the film|电影|phim"),
        CONCEPT(C_INGEST_MED,
                "偷吃 _10 药|误 _2 @cn_ingest _10 药|吃了 _10 药 _4 颗|"
                "@cn_ingest _10 药 _3 好几 _2 颗"),
        CONCEPT(C_POSTOP,
                "just home from|home from _2 hospital|surgery _3 ago|"
                "operation _3 ago|op _2 ago|hysterectomy|appendectomy|"
                "appendix out|cholecystectomy|gallbladder out|"
                "hernia repair|mổ _3 về|phẫu thuật _3 về|做完手术|"
                "手术 _3 回家"),
        {RF_BLOCK, C_SUICIDE, 0, "curl up and die|想 _2 原地去世"},
        /* Kinds from paraphrases written apart from the batches (other
         * wordings of the same kinds). */
        CONCEPT(C_CHEST_PAIN,
                "squeez* _8 chest|pressure _8 chest|tight* _6 chest|"
                "heav* _6 chest|crush* _6 chest|@chest_sens _8 chest"),
        CONCEPT(C_NAUSEA, "feel* _3 sick|feeling sick|queasy|"
                          "想呕|作呕|buồn ói"),
        CONCEPT(C_ARM_WEAK,
                "falling out of _3 hand|fell out of _3 hand|"
                "kept dropping|keeps dropping|dropping _3 fork|"
                "dropping _3 cup|can't hold _3 fork|can't hold _3 spoon|"
                "leg _3 dragging|dragging _3 leg|拿不稳|拿不住 _2 筷子|"
                "rớt _3 đũa|không cầm _3 đũa|kéo lê _2 chân"),
        CONCEPT(C_SPEECH,
                "words _4 funny|words came out _3 wrong|talking funny|"
                "speech _3 funny|speaking funny|sounded drunk|"
                "说话 _3 怪怪|讲话 _3 怪怪|nói _3 lạ"),
        CONCEPT(C_SEIZURE, "this fit|a fit|the fit|fitting|"
                           "发作 _3 抽|lên cơn _3 giật"),
        CONCEPT(C_VOMIT, "been sick|sick #n times|vomited _2 #n times"),
        CONCEPT(C_HEAD_SIGN, "wanting to sleep|wants to sleep|"
                             "keeps wanting _2 sleep|can't keep _2 eyes open"),
        CONCEPT(C_BURN, "tea over|coffee over|mug of tea|cup of tea|"
                        "cup of coffee|hot drink|kettle|hot chocolate|"
                        "开水壶|热水壶|热茶|nước sôi|ấm nước|canh nóng"),
        CONCEPT(C_BURN_BAD, "skin _4 peeling|peeling off|skin _3 coming off|"
                            "big pieces|皮 _3 掉了|tróc _2 da"),
        CONCEPT(C_ALTERED, "talking rubbish|talking nonsense|gibberish|"
                           "makes no sense|not making sense|"
                           "胡言乱语|说胡话|nói nhảm"),
        CONCEPT(C_GLU_LOW, "sugar _2 is low|sugar _3 low|low blood sugar|"
                           "sugar _3 dropped|血糖 _3 低|hạ đường|"
                           "đường huyết _3 thấp"),
        CONCEPT(C_HEAVY_BLEED,
                "bleeding for _3 hour*|through _2 bandage*|soaked _3 bandage|"
                "still bleeding after|bleeding _4 for an hour|"
                "血 _3 止不住|纱布 _4 湿透|băng _4 thấm máu|"
                "chảy máu _4 cả tiếng"),
        CUE(RF_GENERAL, 0,
            "documentary|纪录片|phim tài liệu|"
            "pharmacology exam|for an exam|for my exam|"
            "teacher asked|老师 _3 让我们|bài tập"),
        CONCEPT(C_POISON, "@cn_ingest _3 一口 _3 @cn_poison|"
                          "@cn_ingest _4 通乐|通乐|管道疏通剂|"
                          "马桶清洁剂|水垢|除锈剂|nước thông cống"),
        CONCEPT(C_THROAT_SWELL, "face _3 puff*|puffing up|puffy _2 face|"
                                "lips _3 puff*|eyes _3 puff* _3 shut|"
                                "脸 _3 肿起来|mặt _3 phù lên"),
        CONCEPT(C_BREATHLESS, "breathing _3 noisily|noisy breathing|"
                              "breathing _3 noisy|breathing _3 raspy|"
                              "呼吸 _3 有声音|thở _3 khò khè"),
        CONCEPT(C_INGEST_MED,
                "@meds _12 @ingest several|@meds _12 @ingest some|"
                "@meds _12 @ingest a few|@meds _12 @ingest a handful|"
                "@meds _12 @ingest them|@ingest _4 few _4 @meds|"
                "@cn_meds _10 吃了 _2 几颗|@cn_meds _10 吃了 _2 好几颗|"
                "@vi_meds _10 @vi_ingest _3 mấy viên"),
        CONCEPT(C_NEWBORN, "baby _3 #n week*|#n wks|出生 _3 天|满月不久|"
                           "刚满月|出生不到 _3 月|bé _3 #n tuần"),
        CONCEPT(C_SUICIDE,
                "if someone wanted _6 forever|if someone wanted _6 die|"
                "if someone wanted _6 not wake|if _2 wanted to _4 die|"
                "sleep forever|多少 _10 会死|几 _2 颗 _6 会死|"
                "多少 _10 能死|多少 _10 可以死|吃 _6 才会死|"
                "bao nhiêu _8 thì chết"),
        CONCEPT(C_FAINT, "拍 _4 不醒|摇 _4 不醒|怎么 _4 都 _2 不醒|"
                         "lay _4 không tỉnh|shake _4 won't wake|"
                         "shaking him _4 won't"),
        CUE(RF_CARED, 0,
            "doing great|doing fine|in therapy|已经好了|"
            "现在 _2 好了|停药 _3 年|đã khỏi|giờ _3 khỏe"),
        CONCEPT(C_CHEST_SEVERE, "elephant|sitting on _2 chest|"
                                "sitting on her|sitting on me|sitting on him|"
                                "大石头 _3 压|石头 _3 压着|đá đè"),
        CONCEPT(C_THUNDER_HEADACHE,
                "sudden* _4 horrendous|sudden* _4 horrible headache|"
                "sudden* _4 awful headache|like being hit _6 bat|"
                "like being hit _4 head|hit by a bat|bat to the head|"
                "像 _3 被 _3 打 _3 头|như bị _3 đập vào đầu"),
        CONCEPT(C_HEAVY_BLEED,
                "nosebleed* _10 won't stop|nose bleed* _10 won't stop|"
                "nosebleed* for #many min*|nosebleed* for an hour|"
                "nosebleed* for over|bleeding from _2 nose for #many min*|"
                "鼻血 _6 止不住|鼻血 _6 不停|chảy máu cam _6 không cầm|"
                "blood _2 lots of it"),
        CONCEPT(C_VAG_BLEED, "pooping _3 blood|blood _3 in _2 stool|"
                             "bloody stool*|rectal bleeding|便血|拉血|"
                             "đi ngoài ra máu|đi cầu ra máu"),
        CONCEPT(C_SUICIDE, "ending _2 life|end _2 her life|end _2 his life|"
                           "end _2 their life|has a plan|have a plan|"
                           "got a plan"),
        CONCEPT(C_PESTICIDE,
                "wild mushroom*|picked _4 mushroom*|foraged|nấm rừng|nấm lạ|"
                "野生菌|野蘑菇|毒蘑菇|moonshine|homemade alcohol|"
                "rượu tự nấu|rượu lậu|rượu giả|假酒|自酿酒|工业酒精"),
        CONCEPT(C_DOSE_ERR, "double dos*|overdosed|took _3 twice|"
                            "吃了两次|吃重复|uống hai lần|uống gấp đôi"),
        CONCEPT(C_VISUAL, "seeing yellow|yellow vision|everything _3 yellow|"
                          "看东西 _3 黄|nhìn _3 vàng"),
        CONCEPT(C_RASH_PURPLE, "purple dots|tiny purple|dots _4 don't fade|"
                               "don't fade|doesn't fade|won't fade|"
                               "紫色 _3 点|紫点|chấm tím"),
        CONCEPT(C_RISK, "#old 岁|#old tuổi|#old yr*|#old year* old|#old yo|"
                        "#old y/o|im #old|i'm #old|aged #old|age #old"),
        CONCEPT(C_RADIATE, "后背 _2 疼|后背 _2 痛|后背 _2 酸|"
                           "đau _2 lưng trên"),
        CONCEPT(C_BURN_BAD, "cả lưng|lưng và|phồng rộp|整个背|背和"),
        CUE(RF_NEG_SENT, 0,
            "như cũ|vẫn như cũ|as usual|same as always|like usual|"
            "like always|all my usual ones|还是老样子|和以前一样|跟以前一样"),
        {RF_BLOCK, C_PREGNANT, 0,
         "备孕|想要孩子|trying to conceive|trying for a baby|"
         "planning _2 pregnancy|chuẩn bị mang thai|dự định có thai"},
        {RF_BLOCK, C_VAG_BLEED, 0,
         "blood test*|took blood|blood draw*|blood taken|抽血|验血|"
         "lấy máu|xét nghiệm máu|thử máu"},
        CONCEPT(C_SUICIDE, "standing on _3 bridge _6 now|on the ledge|"
                           "站在 _3 天台 _6 不想|站在 _3 楼顶 _6 不想|"
                           "站在 _3 桥上 _6 不想|đứng trên _3 nóc _6 muốn"),
        CONCEPT(C_FUMES, "boiler _6 smell|furnace _6 smell|funny smell|"
                         "heater _6 smell|generator _4 garage|"
                         "锅炉 _6 味|燃气 _6 味|有 _2 煤气味|"
                         "bình nóng lạnh _6 mùi|máy phát điện _4 trong nhà"),
        CONCEPT(C_BURN_SEVERE,
                "acid _6 skin|acid _4 hand|acid _4 face|acid _4 arm|"
                "burning through _2 skin|lye _6 skin|chemical burn* _4 face|"
                "axit _6 da|强酸 _6 皮肤|硫酸 _6 手|硫酸 _6 脸"),
        CUE(RF_GENERAL, 0,
            "studying for|nursing exam|my exam|an exam|"
            "nursing school|med school|homework|ôn thi|"
            "复习|考试题|作业题"),
        CONCEPT(C_SEIZURE_LONG,
                "还没醒 _6 又|还没清醒 _6 又|没醒过来 _6 又|"
                "没清醒 _6 又|chưa tỉnh _6 lại _2 giật|"
                "not woken up _6 another|hasn't woken _6 again"),
        CONCEPT(C_MEANS, "@cn_meds _6 存起来|攒 _3 @cn_meds|一次 _2 吃掉|"
                         "一次 _2 吞掉|今晚 _4 吃掉|@cn_meds _8 手边|"
                         "mua sẵn _3 dao|dao lam|lưỡi lam|razor blade*|"
                         "刀片|买好了 _3 刀"),
        CONCEPT(C_DESPAIR, "不想再痛苦|不想 _2 痛苦|解脱|受够了|"
                           "không muốn _2 đau khổ|được giải thoát|"
                           "want it to stop|want the pain to stop"),
        CONCEPT(C_SUICIDE, "sẽ cắt tay|muốn cắt tay|cứa tay|割手|割自己"),
        {RF_BLOCK, C_SUICIDE, 0,
         "想跳楼 _3 哈|跳楼 _3 哈哈|想死 _3 哈哈|nhảy lầu luôn á|"
         "want to die _3 lol|want to die _3 haha"},
        CONCEPT(C_CONFUSION,
                "doesn't _3 know who i am|doesn't _3 know who we are|"
                "doesn't _3 know where she is|"
                "doesn't _3 know where he is|认不出我|"
                "không nhận ra _2 em|không nhận ra _2 con"),
        CONCEPT(C_SUICIDE, "tonight feels like the night|saving up _4 @meds|"
                           "saved up _4 @meds|been saving _4 @meds"),
        CONCEPT(C_FUMES, "mixed _3 chemicals|mixed two|mixing _3 chemicals|"
                         "混合 _3 清洁|混 _3 两种|trộn _3 hóa chất"),
        CONCEPT(C_VOMIT_BLOOD, "vomit* _10 blood|clots _4 blood _4 vomit*|"
                               "vomit* _10 clots"),
        CONCEPT(C_CANT_BREATHE, "struggling to breathe|struggling for breath|"
                                "working hard to breathe|fighting to breathe|"
                                "呼吸 _3 非常困难|thở _3 rất khó khăn"),
        CONCEPT(C_FETAL_LESS, "waters _6 green|water _6 green|green fluid|"
                              "meconium|羊水 _4 绿|nước ối _4 xanh"),
        CONCEPT(C_SEIZURE, "twitching and jerking|jerking _4 one side|"
                           "jerking movements|jerking _3 arms _3 legs|"
                           "giật _3 một bên|抽动 _3 一侧|一侧 _3 抽动"),
        CONCEPT(C_FAINT, "isn't responding|is not responding|"
                         "wasn't responding|can't rouse|cannot rouse|"
                         "unable to rouse|won't rouse|slumped"),
        CONCEPT(C_SUICIDE, "sleep and never wake up|go to sleep _3 never wake|"
                           "睡过去 _3 再也不醒|ngủ _3 không bao giờ _2 dậy"),
        CONCEPT(C_MEANS, "pills right here|got the pills|药 _3 在手边|"
                         "thuốc _3 sẵn _3 đây"),
        CONCEPT(C_LETHARGY, "not wanting to be touched|"
                            "doesn't want to be touched|screams when touched|"
                            "cries when _2 touched|不让 _2 碰|一碰就哭|"
                            "không cho _2 chạm"),
        /* ---- kinds from the ext-d and ext-e misses (2026-12-07,
         * fourth session) ----
         * Written per kind and in all four languages: a fast pulse read
         * off a watch, carbon monoxide from a heater in a closed room,
         * choking that is only partly cleared, hypothermia after a long
         * lie, farewell messages and an unreachable person, adrenaline
         * already given, chest pain that nitroglycerin does not ease,
         * arterial bleeding, brief loss of consciousness after a blow,
         * one-sided weakness and gait in Chinese, a newborn's age in
         * weeks or days, a temperature read at the ear or rectum,
         * infant chest recession, smoke inhalation, boiled water. */
        CONCEPT(C_TACHY,
                "hr #hr|hr of #hr|heart rate _3 #hr|pulse _3 #hr|#hr bpm|"
                "watch _4 #hr|心跳 _6 #hr|心率 _4 #hr|脉搏 _4 #hr|"
                "显示 _2 #hr|#hr 下|nhịp tim _4 #hr|mạch _3 #hr|"
                "đồng hồ _4 #hr|#hr nhịp"),
        CONCEPT(C_HEATER,
                "gas _2 water heater|water heater|gas heater|gas boiler|"
                "charcoal _4 indoors|charcoal _4 inside|brazier|"
                "paraffin heater|kerosene heater|"
                "热水器|燃气热水器|煤气热水器|炭火|火锅 _3 炭|木炭|烧炭|"
                "炭炉|煤炉|bình nóng lạnh|máy nước nóng|bếp than|"
                "than _2 tổ ong|lò than|đốt than"),
        CONCEPT(C_CLOSED_ROOM,
                "windows _3 closed|windows _3 shut|closed _3 windows|"
                "no ventilation|no window|doors _3 shut|door _3 closed|"
                "窗 _3 关|门窗 _3 关|关着 _3 窗|不通风|没有窗|密闭|"
                "đóng kín|kín _2 cửa|cửa _4 đóng|không có cửa sổ|bí gió|"
                "không thông gió"),
        CONCEPT(C_CHOKE,
                "choked on|choking on|something stuck _3 throat|"
                "stuck in _2 throat|feels stuck|food _3 stuck|"
                "噎到|噎着|噎住|卡在 _2 喉咙|卡 _3 喉咙|卡住了|"
                "bị hóc|hóc _3 thức ăn|mắc _2 cổ họng|nghẹn _3 thức ăn"),
        CONCEPT(C_COLD_BODY,
                "ice cold|freezing cold|cold to the touch|hypotherm*|"
                "lay _4 all night|on the floor all night|outside all night|"
                "浑身冰凉|全身冰凉|身体冰凉|全身冰冷|浑身冰冷|躺了一夜|"
                "躺了一晚|冻了一夜|失温|lạnh ngắt|lạnh toát|người _2 lạnh cóng|"
                "nằm _4 cả đêm|hạ thân nhiệt"),
        CONCEPT(C_ALTERED,
                "only moan*|just moan*|just groan*|only groan*|"
                "只会哼|只会呻吟|只会 _2 哼哼|叫 _3 没反应|反应 _2 慢|"
                "chỉ rên|chỉ ú ớ|gọi _3 không trả lời"),
        CONCEPT(C_FAREWELL,
                "goodbye _2 world|goodbye _3 everyone|said goodbye _3 all|"
                "sorry to everyone|apologi* to everyone|left a note|"
                "left a letter|再见了 _2 世界|再见 _2 这个世界|告别 _3 世界|"
                "跟大家 _3 对不起|对大家 _3 对不起|向大家 _3 道歉|"
                "留了 _3 封信|留下 _3 封信|遗书|绝笔|"
                "vĩnh biệt _3 mọi người|tạm biệt _2 thế giới|"
                "xin lỗi _2 tất cả mọi người|xin lỗi _2 cả nhà _4 đi|"
                "để lại _3 lá thư|thư tuyệt mệnh"),
        CONCEPT(C_UNREACHABLE,
                "not answering|won't answer _3 phone|phone _3 off|"
                "phone _3 switched off|can't reach|cannot reach|"
                "not picking up|not replying|no reply|"
                "电话 _3 不接|不接电话|手机关机|关机了|联系不上|找不到人|"
                "人不在|不回 _2 消息|không nghe máy|không bắt máy|"
                "tắt máy|không liên lạc được|gọi _3 không được|"
                "không trả lời _3 tin nhắn"),
        CONCEPT(C_MEANS,
                "charcoal _8 room|charcoal _8 car|bottle _3 in front of me|"
                "in front of me|right here _3 pills|stockpil*|hoarding _3 "
                "pills|"
                "hoarding _3 tablets|saved up _4 pills|"
                "木炭 _6 房间|炭 _6 房间|炭 _6 车里|存了 _6 量|存了 _4 药|"
                "攒了 _4 药|药 _4 存了|在我面前|摆在面前|"
                "than _6 phòng|tích trữ _3 thuốc|gom _3 thuốc|"
                "để dành _3 thuốc|ngay trước mặt"),
        CONCEPT(C_DESPAIR,
                "tired of everything|tired of _2 living|sick of everything|"
                "done with everything|can't go on|can't do this anymore|"
                "活得好累|活着好累|撑不下去|不想活|对一切 _2 厌倦|"
                "mệt mỏi _3 mọi thứ|chán _3 mọi thứ|không muốn sống|"
                "không thiết sống"),
        CONCEPT(C_SUICIDE,
                "never wake up|never _2 wake up again|not wake up again|"
                "不会再醒|再也醒不来|再也不会醒|不再醒来|永远 _2 睡着|"
                "không _2 tỉnh lại nữa|ngủ _3 không bao giờ _2 tỉnh|"
                "giã từ _2 cõi đời|giải thoát _3 cuộc đời"),
        CONCEPT(C_EPI_USED,
                "used _3 epipen|used _3 epi pen|gave _3 epipen|"
                "gave _3 epi pen|epipen _3 used|jabbed _3 epipen|"
                "injected _3 adrenaline|gave _3 adrenaline|"
                "used _3 adrenaline|用了 _3 肾上腺素|打了 _3 肾上腺素|"
                "注射了 _3 肾上腺素|打了 _3 epipen|用了 _3 epipen|"
                "đã tiêm _3 epipen|đã tiêm _3 adrenalin|đã tiêm _3 epinephrin|"
                "vừa tiêm _3 epipen|vừa tiêm _3 adrenalin|"
                "dùng _3 bút tiêm"),
        {RF_BLOCK, C_ANAPHYLAXIS, 0,
         "carry _4 epipen|carry _4 epi pen|buy _4 epipen|prescribed _4 epipen|"
         "mang theo _4 epipen|mang theo _4 bút tiêm|mua _4 epipen|"
         "mua _4 bút tiêm|随身 _4 肾上腺素|带着 _4 肾上腺素|买 _4 肾上腺素|"
         "开了 _4 肾上腺素"},
        CONCEPT(C_NITRO, "@nitro _10 @not_eased|@not_eased _3 @nitro|"
                         "ngậm _6 @not_eased"),
        /* Drugs of which one or two tablets can kill a small child
         * (sulfonylureas, calcium channel blockers, beta blockers,
         * opioids, tricyclics, clonidine): Michael & Sztajnkrycer,
         * Emerg Med Clin North Am 2004, "Deadly pediatric poisons". */
        CONCEPT(C_ONE_PILL,
                "glyburide|glibenclamide|gliclazide|glipizide|glimepiride|"
                "amlodipine|nifedipine|verapamil|diltiazem|metoprolol|"
                "propranolol|atenolol|methadone|buprenorphine|oxycodone|"
                "morphine|clonidine|amitriptyline|imipramine|"
                "blood pressure _2 pill*|blood pressure _2 tablet*|"
                "diabetes _2 pill*|diabetes _2 tablet*|"
                "降血糖药|降糖药|降压药|降血压药|硝苯地平|氨氯地平|"
                "格列本脲|格列齐特|美托洛尔|美沙酮|可乐定|阿米替林|"
                "thuốc huyết áp|thuốc hạ áp|thuốc tiểu đường|"
                "thuốc hạ đường huyết|thuốc trị tiểu đường"),
        CONCEPT(C_SWALLOW_N,
                "吃了 @cn_num 颗|吃了 @cn_num 片|吃了 @cn_num 粒|"
                "吞了 @cn_num 颗|吞了 @cn_num 片|吃了 #n 颗|吃了 #n 片|"
                "ate #n|ate one|ate two|ate a few|swallowed #n|"
                "swallowed one|swallowed two|swallowed a few|"
                "uống #n viên|nuốt #n viên|ăn #n viên|uống mấy viên|"
                "nuốt mấy viên|ăn mấy viên"),
        CONCEPT(C_CHEST_PAIN, "crushing pressure|same pain as _4 heart attack|"
                              "same _2 pain as last time|跟上次 _3 一样 _3 痛|"
                              "和上次 _3 一样 _3 痛|đau _3 giống _3 lần trước"),
        CONCEPT(C_HEAVY_BLEED,
                "spurt*|pulsing out|pumping out|squirting _3 blood|"
                "soaked _2 through|soaking through|soaks through|"
                "keeps soaking|third towel|second towel|"
                "喷出来|喷血|血 _4 喷|一阵一阵 _3 喷|压 _10 湿透|毛巾 _6 湿透|"
                "血 _3 止不住|máu _3 phun|phun _2 máu|máu _3 vọt|"
                "thấm ướt _3 khăn|ướt đẫm _3 khăn|thấm _3 hết _3 khăn"),
        CONCEPT(C_FAINT,
                "knocked out|out cold|blacked out|knocked unconscious|"
                "昏了一下|昏了一会|当场 _2 昏|当场 _2 晕|晕过去 _3 一会|"
                "bất tỉnh _3 một lúc|ngất _3 một lúc|xỉu _3 một lúc|"
                "ngất _2 tại chỗ"),
        CONCEPT(C_HEAD_SIGN,
                "pupil* _4 bigger|pupil* _4 different|unequal pupils|"
                "can't remember _6 happened|doesn't remember _6 happened|"
                "can't remember _4 how|doesn't remember _4 how|"
                "瞳孔 _6 大|瞳孔 _4 不一样|想不起来|记不得 _4 怎么|"
                "不记得 _4 怎么|đồng tử _4 to|đồng tử _4 không đều|"
                "không nhớ _4 chuyện|không nhớ _4 sao|không nhớ gì"),
        CONCEPT(C_HEAD_INJURY,
                "cracked _4 head|cracked _4 skull|smacked _3 head|"
                "split _3 head|摔 _6 后脑|后脑 _4 撞|后脑 _4 磕|"
                "đập _3 gáy|va _3 gáy|đầu _3 chảy máu"),
        CONCEPT(C_PALPITATION,
                "flutter*|heart _4 skipping|heart _3 jumping|"
                "heart _3 doing _2 flips|心跳 _4 不规律|心跳 _4 漏拍|"
                "脉搏 _6 乱|tim _3 đập _2 thình thịch|tim _3 hẫng"),
        CONCEPT(C_DIZZY,
                "grey at the edges|gray at the edges|going grey|going gray|"
                "vision _3 greying|tunnel vision|about to black out|"
                "眼前 _3 发黑|眼前 _3 一黑|眼前 _3 黑|tối sầm|mắt _3 tối sầm"),
        CONCEPT(C_COLD_SWEAT,
                "脸 _3 白|脸 _3 苍白|面色 _3 白|一直 _2 流汗|满身 _2 汗|"
                "grey and sweaty|white as a sheet|mặt _3 tái|tái mét"),
        CONCEPT(C_ARM_WEAK,
                "身子 _4 没劲|身子 _4 没力|身体 _4 没劲|半边身子|半边身体|"
                "胳膊 _6 没劲|胳膊 _6 没力|胳膊 _4 无力|腿 _4 没劲|"
                "走路 _6 往一边|走路 _6 偏向|走路 _6 一边倒|往一边倒|"
                "walk* _6 to one side|veer* _4 one side|lean* _4 one side|"
                "falling to one side|đi _4 lệch _3 một bên|"
                "đi _4 nghiêng _3 một bên|ngã _3 về một bên"),
        CONCEPT(C_SPEECH,
                "说话 _3 不对劲|讲话 _3 不对劲|说话 _3 怪|讲话 _3 怪|"
                "speech _3 off|talking _3 weird|nói _3 không bình thường|"
                "nói _3 không rõ chữ"),
        CONCEPT(C_NEWBORN, "满 #kid 周|#kid 周大|出生 _2 第 #n 天|#d90 天大|"
                           "满 @cn_num 周|@cn_num 周大|出生 @cn_num 周|"
                           "出生 @cn_num 天|才 @cn_num 周|"
                           "#kid weeks old|#kid week old|#d90 days old|"
                           "#kid tuần tuổi|được #kid tuần|#d90 ngày tuổi|"
                           "mới _2 đầy tháng|才满月|刚满月|满月"),
        CONCEPT(C_FEVER, "肛温 _3 #fev|耳温 _3 #fev|额温 _3 #fev|腋温 _3 #fev|"
                         "#fev 度|temp* _4 #fev|#fev degrees|#fev c|#fev f|"
                         "nhiệt độ _4 #fev|#fev độ|sốt _4 #fev"),
        CONCEPT(C_CANT_BREATHE,
                "胸口 _4 凹|吸气 _6 凹|肋骨 _4 凹|鼻翼 _4 扇|"
                "ribs _4 showing|skin _4 sucking in|sucking in _4 ribs|"
                "nostrils _3 flar*|under _2 ribs _4 pulling|"
                "co kéo|hõm _2 ức|lõm _3 ngực|cánh mũi _4 phập phồng"),
        CONCEPT(C_BURN,
                "失火|火灾|着火了|起火|浓烟|house fire|kitchen fire|"
                "smoke inhalation|breathed in _3 smoke|inhaled _3 smoke|"
                "cháy nhà|đám cháy|hít _3 khói|boiled|boiling|just-boiled|"
                "scalded|烫伤|烫到|滚水|开水|bỏng nước|nước sôi"),
        CONCEPT(C_BURN_AIRWAY,
                "singed|nose hair*|soot|black _3 phlegm|black _3 spit|"
                "鼻毛 _3 焦|黑 _3 痰|咳 _4 黑|lông mũi _3 cháy|"
                "đờm _3 đen|khạc _3 đen"),
        CONCEPT(C_BURN_BAD,
                "big area|large area|blister* _4 big|size of _3 hand*|"
                "two _3 hands|palm* _2 size*|一大片|巴掌大|手掌大|"
                "vùng _2 rộng|bằng _3 bàn tay"),
        CONCEPT(C_TESTIS, "groin _8 swollen|groin _8 swelling|kicked _3 groin|"
                          "下面 _4 肿|蛋 _3 疼|háng _4 sưng"),
        CONCEPT(C_VOMIT,
                "疼得 _2 吐|痛得 _2 吐|直吐|上吐下泻|又吐又拉|吐 _2 拉|"
                "nôn _3 liên tục|ói _3 liên tục|ói mửa|sick _2 twice|"
                "throwing up _3 again"),
        CONCEPT(C_PESTICIDE,
                "mushroom* _6 woods|mushroom* _6 forest|mushroom* _6 garden|"
                "picked _6 mushroom*|foraged _4 mushroom*|采 _4 蘑菇|"
                "采 _4 菌|野生 _2 菌|野菌|蘑菇 _4 山上|山上 _4 蘑菇|"
                "nấm _4 rừng|nấm _4 hái|hái nấm|nấm dại|nấm _3 mọc"),
        CONCEPT(C_INGEST_MED,
                "@cn_meds _12 吃了 _3 颗|@cn_meds _12 吃了 _3 片|"
                "@cn_meds _12 吃了 _3 粒|@cn_meds _12 吞了 _3 颗|"
                "吃了 _2 好几片|吃了 _2 好几粒|@cn_meds _10 吃了 _2 几片|"
                "@meds _12 ate _3 #n|ate _3 #n _3 @meds|"
                "@vi_meds _12 uống _3 #n viên|nuốt _3 #n viên|"
                "@cn_meds _12 吃了 @cn_num 颗|@cn_meds _12 吃了 @cn_num 片|"
                "@cn_meds _12 吃了 @cn_num 粒|@cn_meds _12 吞了 @cn_num 颗|"
                "@cn_meds _12 吞了 @cn_num 片|@cn_meds _12 吃了 #n 颗|"
                "@cn_meds _12 吃了 #n 片"),
        CUE(RF_PRESENT, 0,
            "since noon|since lunch|since this afternoon|since this morning|"
            "从下午|从早上|从中午|一早|今天早上|từ chiều|từ sáng|từ trưa|"
            "từ tối|sáng nay|chiều nay"),
        /* Past events dated by the week, the weekday or an age. */
        CUE(RF_HIST, 0,
            "last week|last weekend|last saturday|last sunday|last friday|"
            "last monday|last tuesday|last wednesday|last thursday|"
            "when she was #n|when he was #n|when i was #n|at age #n|"
            "上周|上週|上星期|上个星期|上个月|上礼拜|#n 岁时|#n 岁的时候|"
            "高中时|大学时|上次|lúc #n tuổi|khi _2 #n tuổi|hồi _2 #n tuổi|"
            "cuối tuần trước|tháng trước"),
        /* A patient's own prediction ("lying down will fix it") resolves
         * nothing. */
        CUE(RF_PSEUDO, 0,
            "说 _6 就好了|说 _6 就好|觉得 _6 就好了|睡一觉就好|躺一下就好|"
            "休息一下就好|吐干净就好|"
            "says _6 will pass|thinks _6 will pass|says it'll be fine|"
            "bảo _6 là khỏi|nói _6 là khỏi|bảo _6 sẽ hết|nghĩ _6 sẽ hết"),
        /* Chronic conditions that are controlled. */
        CUE(RF_NEG_SENT, 0,
            "well controlled|well-controlled|under control|seizure free|"
            "seizure-free|控制得很好|控制得不错|控制良好|控制 _2 稳定|"
            "kiểm soát tốt|được kiểm soát"),
        CUE(RF_CARED, 0,
            "工作生活 _3 挺好|生活 _3 都挺好|life is good now|"
            "cuộc sống _3 ổn"),
        /* Leaflets, exams and the mechanism of a disease: about no one. */
        CUE(RF_GENERAL, 0,
            "leaflet|package insert|the insert|label says|"
            "说明书|仿单|药单|tờ hướng dẫn|hướng dẫn sử dụng|thuốc ghi|"
            "差在哪|区别|有什么不同|difference between|khác gì|khác nhau|"
            "机制|mechanism|cơ chế|期中考|期末考|要考|sắp thi|học dược|"
            "药学|pharmacology|muốn học|em học|学生|for a class"),
        CUE(RF_HYPO_PRE, 8,
            "maximum dose|max dose|how much _4 max|tối đa|sợ _3 quá liều|"
            "lo _3 quá liều|afraid of _3 overdos*|worried about _3 overdos*|"
            "sợ uống|sợ dùng|lo uống|afraid to take|怕吃|担心吃|"
            "怕 _3 过量|担心 _3 过量|最多 _3 吃|最大剂量|sơ cứu|急救方法|"
            "怎么急救|how to give first aid"),
        /* Hyperbole: a cause (anger, laughter, exams) and its "symptom". */
        CUE(RF_BLOCK, 0,
            "气得 _4 脑溢血|气到 _4 脑溢血|气得 _4 心脏病|气到 _4 中风|"
            "气得 _4 吐血|写得 _3 想死|累得 _3 想死|忙得 _3 想死|"
            "笑得 _3 喘|笑到 _3 喘|笑死|"
            "laughed so hard _6 breathe|laughing so hard _6 breathe|"
            "so angry _6 stroke|so mad _6 stroke|"
            "lên cơn đau tim _2 chết mất|đau tim _3 chết mất|"
            "muốn chết luôn|chết mất|cười _4 không thở được|"
            "tức _4 đột quỵ"),
        {RF_BLOCK, C_CANT_BREATHE, 0,
         "doesn't stop breathing|doesnt stop breathing|never stops breathing|"
         "没有停止呼吸|没停止呼吸|不会停止呼吸|không ngừng thở|"
         "không có ngưng thở"},
        /* Without diacritics: "đá bóng" is football, "mắt cá" an
         * ankle. */
        {RF_BLOCK, C_BURN, 0, "đá bóng|chơi bóng|quả bóng|bóng đá|bóng chuyền"},
        {RF_BLOCK, C_THROAT_SWELL, 0, "mắt cá chân|mắt cá"},
        {RF_BLOCK, C_BURN_BAD, 0, "mắt cá chân|mắt cá"},
};
const size_t rf_nlexicon = sizeof(rf_lexicon) / sizeof(rf_lexicon[0]);

#define R1(cat, name, a, w, u)                                                 \
	{                                                                      \
		(cat), (name), {(a), C_NONE, C_NONE}, (w), (u)                 \
	}
#define R2(cat, name, a, b, w, u)                                              \
	{                                                                      \
		(cat), (name), {(a), (b), C_NONE}, (w), (u)                    \
	}
#define R3(cat, name, a, b, c, w, u)                                           \
	{                                                                      \
		(cat), (name), {(a), (b), (c)}, (w), (u)                       \
	}

const struct rf_rule rf_rules[] = {
        R2(SAFETY_CARDIAC, "chest_pain+breath", C_CHEST_PAIN, C_BREATHLESS, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+cannot_breathe", C_CHEST_PAIN,
           C_CANT_BREATHE, 2, C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+radiating", C_CHEST_PAIN, C_RADIATE, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+cold_sweat", C_CHEST_PAIN, C_COLD_SWEAT,
           2, C_NONE),
        R2(SAFETY_CARDIAC, "cold_sweat+radiating", C_COLD_SWEAT, C_RADIATE, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "breath+radiating", C_BREATHLESS, C_RADIATE, 1,
           C_EXERTION),
        R2(SAFETY_CARDIAC, "cold_sweat+breath", C_COLD_SWEAT, C_BREATHLESS, 1,
           C_EXERTION),
        R3(SAFETY_CARDIAC, "risk+cold_sweat+nausea", C_RISK, C_COLD_SWEAT,
           C_NAUSEA, 2, C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+unconscious", C_CHEST_PAIN, C_FAINT, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+dizzy", C_CHEST_PAIN, C_DIZZY, 1,
           C_CHEST_WALL),
        R1(SAFETY_CARDIAC, "chest_pain_severe", C_CHEST_SEVERE, 0,
           C_CHEST_WALL),
        R2(SAFETY_CARDIAC, "chest_pain+severe", C_CHEST_PAIN, C_SEVERITY, 0,
           C_CHEST_WALL),
        R1(SAFETY_CARDIAC, "heart_attack", C_HEART_ATTACK, 0, C_NONE),
        R1(SAFETY_STROKE, "face_droop", C_FACE_DROOP, 0, C_NONE),
        R1(SAFETY_STROKE, "one_side_weak", C_ARM_WEAK, 0, C_NONE),
        R1(SAFETY_STROKE, "speech", C_SPEECH, 0, C_VOICE),
        R1(SAFETY_STROKE, "one_side_numb", C_NUMB_SIDE, 0, C_NONE),
        R1(SAFETY_STROKE, "stroke", C_STROKE, 0, C_NONE),
        R1(SAFETY_STROKE, "thunderclap_headache", C_THUNDER_HEADACHE, 0,
           C_NONE),
        R1(SAFETY_STROKE, "vision_loss", C_VISION_LOSS, 0, C_NONE),
        R2(SAFETY_STROKE, "headache+worst", C_HEADACHE, C_WORST, 0, C_NONE),
        R1(SAFETY_BREATHING, "cannot_breathe", C_CANT_BREATHE, 0, C_NONE),
        R1(SAFETY_BLEEDING, "vomit_blood", C_VOMIT_BLOOD, 0, C_NONE),
        R1(SAFETY_BLEEDING, "black_stool", C_BLACK_STOOL, 0,
           C_BENIGN_DARK_STOOL),
        R1(SAFETY_BLEEDING, "cough_blood", C_COUGH_BLOOD, 0, C_NONE),
        R1(SAFETY_BLEEDING, "heavy_bleeding", C_HEAVY_BLEED, 0, C_MENSTRUAL),
        R2(SAFETY_BLEEDING, "heavy_bleeding+pregnant", C_HEAVY_BLEED,
           C_PREGNANT, 2, C_NONE),
        R1(SAFETY_CONSCIOUSNESS, "unconscious", C_FAINT, 0, C_NONE),
        R1(SAFETY_CONSCIOUSNESS, "confusion", C_CONFUSION, 0, C_NONE),
        R1(SAFETY_SUICIDE, "suicide", C_SUICIDE, 0, C_NONE),
        R2(SAFETY_SUICIDE, "despair+means", C_DESPAIR, C_MEANS, 1, C_NONE),
        R1(SAFETY_POISONING, "poisoning", C_POISON, 0, C_NONE),
        R2(SAFETY_POISONING, "child+swallowed_medicine", C_INGEST_MED, C_CHILD,
           1, C_NONE),
        R2(SAFETY_POISONING, "count+medicine", C_OD_COUNT, C_MEDS_ANY, 1,
           C_NONE),
        R2(SAFETY_POISONING, "dose_error+child", C_DOSE_ERR, C_CHILD, 1,
           C_NONE),
        R2(SAFETY_POISONING, "fumes+cannot_breathe", C_FUMES, C_CANT_BREATHE, 1,
           C_NONE),
        R2(SAFETY_POISONING, "fumes+breath", C_FUMES, C_BREATHLESS, 1, C_NONE),
        R2(SAFETY_POISONING, "fumes+dizzy", C_FUMES, C_DIZZY, 1, C_NONE),
        R2(SAFETY_POISONING, "fumes+unconscious", C_FUMES, C_FAINT, 1, C_NONE),
        R3(SAFETY_FEVER_DANGER, "child+fever+lethargy", C_CHILD, C_FEVER,
           C_LETHARGY, 3, C_NONE),
        R2(SAFETY_FEVER_DANGER, "newborn+fever", C_NEWBORN, C_FEVER, 3, C_NONE),
        R2(SAFETY_FEVER_DANGER, "chemotherapy+fever", C_CHEMO, C_FEVER, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "ketoacidosis+drowsy", C_DKA, C_LETHARGY, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "ketoacidosis+vomit", C_DKA, C_VOMIT, 2,
           C_NONE),
        R2(SAFETY_POISONING, "fumes+headache", C_FUMES, C_HEADACHE, 1, C_NONE),
        R2(SAFETY_POISONING, "fumes+vomit", C_FUMES, C_VOMIT, 1, C_NONE),
        R2(SAFETY_POISONING, "fumes+lethargy", C_FUMES, C_LETHARGY, 1, C_NONE),
        R2(SAFETY_BURN, "burn+breath", C_BURN, C_BREATHLESS, 1, C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "hives+vomit", C_HIVES, C_VOMIT, 1, C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "swelling+dizzy", C_THROAT_SWELL, C_DIZZY, 1,
           C_NONE),
        R2(SAFETY_FEVER_DANGER, "infant+danger_sign", C_INFANT, C_INFANT_DANGER,
           1, C_NONE),
        R3(SAFETY_FEVER_DANGER, "child+fever+unconscious", C_CHILD, C_FEVER,
           C_FAINT, 3, C_NONE),
        R3(SAFETY_FEVER_DANGER, "child+fever+seizure", C_CHILD, C_FEVER,
           C_SEIZURE, 3, C_NONE),
        R2(SAFETY_FEVER_DANGER, "fever+stiff_neck", C_FEVER, C_STIFF_NECK, 2,
           C_NONE),
        R2(SAFETY_FEVER_DANGER, "fever+purple_rash", C_FEVER, C_RASH_PURPLE, 2,
           C_NONE),
        R1(SAFETY_ANAPHYLAXIS, "anaphylaxis", C_ANAPHYLAXIS, 0, C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "swelling+allergy", C_THROAT_SWELL, C_ALLERGY, 2,
           C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "swelling+breath", C_THROAT_SWELL, C_BREATHLESS,
           1, C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "swelling+swallow", C_THROAT_SWELL, C_SWALLOW, 1,
           C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "allergy+breath", C_ALLERGY, C_BREATHLESS, 0,
           C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "hives+dizzy", C_HIVES, C_DIZZY, 1, C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "hives+unconscious", C_HIVES, C_FAINT, 1,
           C_NONE),
        R2(SAFETY_ANAPHYLAXIS, "hives+breath", C_HIVES, C_BREATHLESS, 1,
           C_NONE),
        R2(SAFETY_SEIZURE, "seizure+long", C_SEIZURE, C_SEIZURE_LONG, 0,
           C_NONE),
        R1(SAFETY_SEIZURE, "seizure_now", C_SEIZURE_NOW, 0, C_NONE),
        R2(SAFETY_SEIZURE, "seizure+unresponsive", C_SEIZURE, C_FAINT, 0,
           C_NONE),
        R2(SAFETY_HEAD_INJURY, "head+vomit", C_HEAD_INJURY, C_VOMIT, 2, C_NONE),
        R2(SAFETY_HEAD_INJURY, "head+lethargy", C_HEAD_INJURY, C_LETHARGY, 2,
           C_NONE),
        R2(SAFETY_HEAD_INJURY, "head+confusion", C_HEAD_INJURY, C_CONFUSION, 2,
           C_NONE),
        R2(SAFETY_HEAD_INJURY, "head+unconscious", C_HEAD_INJURY, C_FAINT, 2,
           C_NONE),
        R2(SAFETY_HEAD_INJURY, "head+sign", C_HEAD_INJURY, C_HEAD_SIGN, 2,
           C_NONE),
        R2(SAFETY_BURN, "burn+large", C_BURN, C_BURN_BAD, 1, C_BURN_MINOR),
        R1(SAFETY_BURN, "burn_severe", C_BURN_SEVERE, 0, C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+risk", C_CHEST_PAIN, C_RISK, 1,
           C_CHEST_WALL),
        R2(SAFETY_CARDIAC, "chest_pain+vomit", C_CHEST_PAIN, C_VOMIT, 1,
           C_CHEST_WALL),
        R2(SAFETY_BREATHING, "breath+cannot_swallow", C_BREATHLESS, C_SWALLOW,
           1, C_NONE),
        R3(SAFETY_FEVER_DANGER, "infection+fever+altered", C_INFECTION, C_FEVER,
           C_ALTERED, 2, C_NONE),
        R2(SAFETY_POISONING, "fumes+chest_pain", C_FUMES, C_CHEST_PAIN, 1,
           C_NONE),
        R2(SAFETY_BLEEDING, "bleeding+dizzy", C_VAG_BLEED, C_DIZZY, 1,
           C_MENSTRUAL),
        R2(SAFETY_BLEEDING, "bleeding+unconscious", C_VAG_BLEED, C_FAINT, 1,
           C_MENSTRUAL),
        R2(SAFETY_POISONING, "toxic+visual", C_PESTICIDE, C_VISUAL, 2, C_NONE),
        R2(SAFETY_POISONING, "toxic+breath", C_PESTICIDE, C_BREATHLESS, 2,
           C_NONE),
        R2(SAFETY_POISONING, "dose_error+nausea", C_DOSE_ERR, C_NAUSEA, 2,
           C_NONE),
        R2(SAFETY_POISONING, "dose_error+vomit", C_DOSE_ERR, C_VOMIT, 2,
           C_NONE),
        R2(SAFETY_POISONING, "dose_error+visual", C_DOSE_ERR, C_VISUAL, 2,
           C_NONE),
        R2(SAFETY_POISONING, "dose_error+altered", C_DOSE_ERR, C_ALTERED, 2,
           C_NONE),
        R2(SAFETY_SEIZURE, "pregnant+seizure", C_PREGNANT, C_SEIZURE, 2,
           C_NONE),
        R3(SAFETY_CARDIAC, "age+cold_sweat+radiating", C_RISK, C_COLD_SWEAT,
           C_RADIATE, 2, C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+nausea", C_CHEST_PAIN, C_NAUSEA, 1,
           C_CHEST_WALL),
        R2(SAFETY_BLEEDING, "anticoagulant+heavy_bleeding", C_ANTICOAG,
           C_HEAVY_BLEED, 1, C_NONE),
        /* Kinds from the ext-b and ext-c misses (2026-12-07). */
        R2(SAFETY_BLEEDING, "pregnant+abdominal_severe", C_PREGNANT,
           C_ABD_SEVERE, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+pain+bleeding", C_PREGNANT, C_ABD_PAIN,
           C_VAG_BLEED, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+trauma+bleeding", C_PREGNANT, C_TRAUMA,
           C_VAG_BLEED, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+trauma+pain", C_PREGNANT, C_TRAUMA,
           C_ABD_PAIN, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+pain+dizzy", C_PREGNANT, C_ABD_PAIN,
           C_DIZZY, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+pain+faint", C_PREGNANT, C_ABD_PAIN,
           C_FAINT, 2, C_NONE),
        R3(SAFETY_BLEEDING, "pregnant+pain+shoulder", C_PREGNANT, C_ABD_PAIN,
           C_SHOULDER_TIP, 2, C_NONE),
        R1(SAFETY_BLEEDING, "fetal_movements", C_FETAL_LESS, 0, C_NONE),
        R2(SAFETY_SEIZURE, "pregnant+bp_high", C_PREGNANT, C_BP_HIGH, 2,
           C_NONE),
        R3(SAFETY_SEIZURE, "pregnant+headache+visual", C_PREGNANT, C_HEADACHE,
           C_VISUAL, 2, C_NONE),
        R2(SAFETY_BLEEDING, "testicle+severe", C_TESTIS, C_SEVERITY, 1, C_NONE),
        R2(SAFETY_BLEEDING, "testicle+vomit", C_TESTIS, C_VOMIT, 1, C_NONE),
        R1(SAFETY_BURN, "eye_chemical", C_EYE_CHEM, 0, C_NONE),
        R2(SAFETY_BREATHING, "drowning+breath", C_DROWN, C_BREATHLESS, 2,
           C_NONE),
        R2(SAFETY_BREATHING, "drowning+cannot_breathe", C_DROWN, C_CANT_BREATHE,
           2, C_NONE),
        R2(SAFETY_BREATHING, "drowning+altered", C_DROWN, C_ALTERED, 2, C_NONE),
        R2(SAFETY_BREATHING, "drowning+lethargy", C_DROWN, C_LETHARGY, 2,
           C_NONE),
        R2(SAFETY_BREATHING, "drowning+unconscious", C_DROWN, C_FAINT, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "electric+palpitation", C_ELECTRIC, C_PALPITATION, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "electric+chest_pain", C_ELECTRIC, C_CHEST_PAIN, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "electric+unconscious", C_ELECTRIC, C_FAINT, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "electric+breath", C_ELECTRIC, C_BREATHLESS, 2,
           C_NONE),
        R2(SAFETY_CARDIAC, "chest_pain+palpitation", C_CHEST_PAIN,
           C_PALPITATION, 1, C_CHEST_WALL),
        R2(SAFETY_CARDIAC, "doom+chest_pain", C_DOOM, C_CHEST_PAIN, 1, C_NONE),
        R2(SAFETY_CARDIAC, "doom+palpitation", C_DOOM, C_PALPITATION, 1,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "heat+no_sweat", C_HEAT, C_NO_SWEAT, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "heat+altered", C_HEAT, C_ALTERED, 2, C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "heat+confusion", C_HEAT, C_CONFUSION, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "no_sweat+altered", C_NO_SWEAT, C_ALTERED, 1,
           C_NONE),
        R2(SAFETY_HEAD_INJURY, "anticoagulant+head", C_ANTICOAG, C_HEAD_INJURY,
           2, C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "glucose_low+altered", C_GLU_LOW, C_ALTERED, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "glucose_low+sweat", C_GLU_LOW, C_COLD_SWEAT,
           2, C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "glucose_low+confusion", C_GLU_LOW,
           C_CONFUSION, 2, C_NONE),
        R3(SAFETY_CONSCIOUSNESS, "diabetes+sweat+altered", C_DIAB_MED,
           C_COLD_SWEAT, C_ALTERED, 2, C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "glucose_high+vomit", C_GLU_HIGH, C_VOMIT, 2,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "glucose_high+altered", C_GLU_HIGH, C_ALTERED,
           2, C_NONE),
        R3(SAFETY_FEVER_DANGER, "infection+fever+sepsis_sign", C_INFECTION,
           C_FEVER, C_SEPSIS_SIGN, 2, C_NONE),
        R2(SAFETY_FEVER_DANGER, "infection+bp_low", C_INFECTION, C_BP_LOW, 2,
           C_NONE),
        R3(SAFETY_FEVER_DANGER, "infection+altered+sepsis_sign", C_INFECTION,
           C_ALTERED, C_SEPSIS_SIGN, 2, C_NONE),
        R3(SAFETY_FEVER_DANGER, "after_operation+fever+sepsis_sign", C_POSTOP,
           C_FEVER, C_SEPSIS_SIGN, 2, C_NONE),
        R2(SAFETY_BLEEDING, "after_operation+abdominal_severe", C_POSTOP,
           C_ABD_SEVERE, 2, C_NONE),
        R2(SAFETY_FEVER_DANGER, "fever+confusion", C_FEVER, C_CONFUSION, 1,
           C_NONE),
        R2(SAFETY_FEVER_DANGER, "bp_low+altered", C_BP_LOW, C_ALTERED, 2,
           C_NONE),
        R2(SAFETY_POISONING, "pesticide+cholinergic", C_PESTICIDE,
           C_CHOLINERGIC, 2, C_NONE),
        R2(SAFETY_POISONING, "pesticide+vomit", C_PESTICIDE, C_VOMIT, 2,
           C_NONE),
        R3(SAFETY_POISONING, "medicine+fever+twitching", C_MEDS_ANY, C_FEVER,
           C_CHOLINERGIC, 2, C_NONE),
        R1(SAFETY_BLEEDING, "amputation", C_AMPUTATION, 0, C_NONE),
        R2(SAFETY_BURN, "burn+airway", C_BURN, C_BURN_AIRWAY, 1, C_NONE),
        R2(SAFETY_FEVER_DANGER, "infant+dehydration", C_INFANT, C_INFANT_DRY, 1,
           C_NONE),
        R2(SAFETY_FEVER_DANGER, "child+dehydration+lethargy", C_INFANT_DRY,
           C_LETHARGY, 1, C_NONE),
        /* Kinds from the ext-d and ext-e misses (fourth session). */
        R2(SAFETY_CARDIAC, "heart_rate_high+chest_pain", C_TACHY, C_CHEST_PAIN,
           1, C_NONE),
        R2(SAFETY_CARDIAC, "heart_rate_high+dizzy", C_TACHY, C_DIZZY, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "heart_rate_high+unconscious", C_TACHY, C_FAINT, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "heart_rate_high+breath", C_TACHY, C_BREATHLESS, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "nitroglycerin+chest_pain", C_NITRO, C_CHEST_PAIN, 1,
           C_NONE),
        R2(SAFETY_CARDIAC, "nitroglycerin+severe", C_NITRO, C_CHEST_SEVERE, 1,
           C_NONE),
        R3(SAFETY_POISONING, "heater+closed+headache", C_HEATER, C_CLOSED_ROOM,
           C_HEADACHE, 1, C_NONE),
        R3(SAFETY_POISONING, "heater+closed+dizzy", C_HEATER, C_CLOSED_ROOM,
           C_DIZZY, 1, C_NONE),
        R3(SAFETY_POISONING, "heater+closed+nausea", C_HEATER, C_CLOSED_ROOM,
           C_NAUSEA, 1, C_NONE),
        R3(SAFETY_POISONING, "heater+closed+altered", C_HEATER, C_CLOSED_ROOM,
           C_ALTERED, 1, C_NONE),
        R3(SAFETY_POISONING, "heater+closed+unconscious", C_HEATER,
           C_CLOSED_ROOM, C_FAINT, 1, C_NONE),
        R2(SAFETY_BREATHING, "choked+breath", C_CHOKE, C_BREATHLESS, 1, C_NONE),
        R2(SAFETY_BREATHING, "choked+speech", C_CHOKE, C_SPEECH, 1, C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "cold_body+altered", C_COLD_BODY, C_ALTERED, 1,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "cold_body+trauma", C_COLD_BODY, C_TRAUMA, 1,
           C_NONE),
        R2(SAFETY_CONSCIOUSNESS, "cold_body+lethargy", C_COLD_BODY, C_LETHARGY,
           1, C_NONE),
        R2(SAFETY_SUICIDE, "farewell+unreachable", C_FAREWELL, C_UNREACHABLE, 2,
           C_NONE),
        R2(SAFETY_SUICIDE, "means+unreachable", C_MEANS, C_UNREACHABLE, 2,
           C_NONE),
        R1(SAFETY_ANAPHYLAXIS, "adrenaline_given", C_EPI_USED, 0, C_NONE),
        R2(SAFETY_HEAD_INJURY, "trauma+head_sign", C_TRAUMA, C_HEAD_SIGN, 1,
           C_NONE),
        R3(SAFETY_POISONING, "child+one_pill+count", C_CHILD, C_ONE_PILL,
           C_SWALLOW_N, 0, C_NONE),
};
const size_t rf_nrules = sizeof(rf_rules) / sizeof(rf_rules[0]);
