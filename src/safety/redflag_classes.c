/* safety/redflag_classes.c: word classes for the emergency lexicon.
 *
 * A pattern in redflag_rules.c may write "@name" for any word of a class
 * here, so that one pattern covers a family of phrasings: "@ingest _3
 * @household_poison" is every "swallowed/drank/got into/chewed ... bleach/
 * dishwasher pods/antifreeze/..." pair, "@side _2 @limb _6 @limb _8
 * @numb_weak" every "left arm and left leg ... numb/weak/heavy". Classes
 * are concept building blocks (a body part, a severity word, an onset
 * word, an ingestion verb, a substance), written from what the words mean
 * rather than from any test sentence; a new word added to a class reaches
 * every pattern that uses it.
 *
 * Syntax of an alternative: a word, a word prefix ending in '*', or a short
 * phrase (up to four words; Chinese: up to four characters) whose words
 * must follow each other. Chinese is written in simplified characters,
 * Vietnamese with its accents (see redflag_rules.c).
 */
#include <stddef.h>

#include "safety/internal.h"

const struct rf_class rf_classes[] = {
        /* ---- ingestion and substances ---- */
        {"ingest", "swallowed|swallow|swallowing|ate|eaten|eating|drank|"
                   "drunk|drinking|chewed|chewing|bit|bitten|licked|"
                   "sucked on|got into|gotten into|get into|getting into|"
                   "ingested|downed|sipped|gulped|had some|took a sip"},
        {"household_poison",
         "bleach|antifreeze|anti freeze|pesticide*|insecticide*|"
         "herbicide*|weedkiller|weed killer|roundup|rat poison|"
         "mouse poison|slug pellets|poison|detergent*|dishwasher|"
         "dishwasher tablet*|washing powder|laundry|tide pod*|"
         "oven cleaner|drain cleaner|toilet cleaner|descaler|kerosene|"
         "paraffin|petrol|gasoline|diesel|lighter fluid|methanol|"
         "battery|batteries|button cell|magnet*|mothball*|"
         "nail polish remover|acetone|lye|caustic soda|ammonia|chlorine|"
         "windshield washer|washer fluid|screenwash|screen wash|"
         "deicer|nicotine gum|nicotine patch*|nicotine pouch*|"
         "cigarette butt*|cigarettes|"
         "disinfectant|dettol|essential oil*|e liquid|vape liquid|"
         "vape juice|nicotine liquid|lamp oil|brake fluid|windscreen wash|"
         "pool chemicals|fertiliser|fertilizer|hand sanitiser|"
         "hand sanitizer|rubbing alcohol|cleaning product*|cleaning fluid|"
         "glue|superglue|white spirit|turpentine|turps|"
         "methylated spirit*|meths|paint thinner|window cleaner|"
         "chemicals|drain unblocker|unblocker|drain opener|"
         "caustic|oven spray|limescale remover"},
        {"meds", "pills|pill|tablets|tablet|medicine|medicines|meds|"
                 "medication*|capsules|capsule|gummies|vitamins|"
                 "iron tablets|sleeping pills|painkillers|paracetamol|"
                 "tylenol|ibuprofen|aspirin|panadol|advil|sertraline|"
                 "sumatriptan|tramadol|fluoxetine|amitriptyline|"
                 "antidepressant|antidepressants|blood pressure pills|"
                 "heart pills|"
                 "diabetes pills|insulin|xanax|valium|diazepam|"
                 "lorazepam|oxycodone|codeine|tramadol|opioid*|morphine|"
                 "methadone|fentanyl|melatonin|benadryl|"
                 "antihistamine*|lithium|warfarin|digoxin"},
        {"approx", "like|about|around|maybe|nearly|almost|over|at least|"
                   "roughly|already"},
        {"not_pills", "minute*|min|mins|hour*|hr|hrs|day|days|week*|"
                      "month*|year*|yr|yrs|mg|ml|mcg|g|kg|lb|lbs|units|"
                      "percent|times|am|pm|o'clock|kids|children|puffs|"
                      "cups|glasses|drinks|beers|pounds|steps|people|"
                      "degree*|bpm|cigarettes"},
        {"cn_unit", "颗|片|粒|锭|个|包|支"},
        {"reliever", "inhaler|inhalers|ventolin|salbutamol|albuterol|"
                     "puffer|nebuliser|nebulizer|沙丁胺醇|喷雾|吸入器|"
                     "xịt|thuốc xịt|ventolin"},
        {"cn_bignum", "十几|二十|三十|四十|五十|六十|几十|一百|整瓶|整盒|"
                      "一瓶|一盒|一把|一整板|一板"},
        {"inhale", "breathed in|breathing in|inhaled|inhaling|sniffed|"
                   "huffed|fumes from|smell of"},
        {"many_of", "whole bunch|bunch|handful|lot|lots|load|loads|heaps|"
                    "all|entire|whole|box|boxes|bottle|bottles|pack|"
                    "packs|packet|packets|strip|strips|sheet|blister pack|"
                    "dozens|several|too many|way too many|massive amount|"
                    "huge amount|fistful"},
        {"od_verb", "took|taken|taking|swallowed|swallow|ate|eaten|"
                    "downed|popped|necked|chugged|overdid|had"},
        /* Chinese numerals for small counts and ages in weeks. */
        {"cn_num", "一|两|二|三|四|五|六|七|八|九|十|十一|十二|几|好几"},
        /* Nitroglycerin, and what says it has not eased the pain. */
        {"nitro", "gtn|nitro|nitros|nitroglycerin|nitroglycerine|"
                  "glyceryl trinitrate|nitrate spray|angina spray|"
                  "硝酸甘油|舌下含片|救心丸|"
                  "thuốc ngậm dưới lưỡi|thuốc xịt dưới lưỡi"},
        {"not_eased", "hasn't eased|haven't eased|didn't ease|not easing|"
                      "hasn't helped|haven't helped|didn't help|not helping|"
                      "hasn't touched|haven't touched|didn't touch|"
                      "hasn't worked|haven't worked|didn't work|no relief|"
                      "not working|still there|still the same|"
                      "没缓解|没有缓解|都没缓解|不管用|没用|没效|无效|不见好|"
                      "还是痛|还是疼|không đỡ|không giảm|vẫn không đỡ|"
                      "chưa đỡ|không ăn thua|vẫn đau"},
        {"cn_ingest", "吃|吃了|吞|吞了|喝|喝了|喝到|吃到|服|服了|咽|舔|咬|"
                      "偷吃|"
                      "误吃|误喝|误吞|误服|误食"},
        {"cn_meds", "药|药片|药丸|胶囊|安眠药|降压药|降糖药|止痛药|"
                    "退烧药|感冒药|抗抑郁药|镇静剂|维生素|铁剂|避孕药|"
                    "心脏药|精神药|普拿疼|必理痛|泰诺|布洛芬|扑热息痛|"
                    "阿斯匹灵|阿司匹林|安眠药|镇定剂|安定|止痛片|退烧片"},
        {"cn_many", "好几片|好多片|很多片|一把|一大把|几十|十几|一整|整瓶|"
                    "整盒|整板|半瓶|一瓶|一盒|一板|一堆|大量|好几颗|"
                    "好几粒|很多颗|很多粒"},
        {"vi_ingest", "uống|nuốt|ăn|nhai|ngậm|liếm|uống nhầm|nuốt nhầm|"
                      "ăn nhầm|uống phải|nuốt phải|ăn phải"},
        {"vi_meds", "thuốc|viên thuốc|thuốc ngủ|thuốc huyết áp|"
                    "thuốc tiểu đường|thuốc giảm đau|thuốc hạ sốt|"
                    "thuốc an thần|vitamin|viên sắt"},
        {"vi_many", "cả vỉ|cả lọ|cả hộp|cả chai|hết vỉ|hết lọ|hết hộp|"
                    "nhiều viên|rất nhiều|cả nắm|một nắm|mấy chục|"
                    "chục viên|nguyên vỉ|nguyên lọ"},

        /* ---- body parts, sides, stroke words ---- */
        {"cn_chest", "胸|胸口|心口|胸前"},
        {"cn_chest_feel", "痛|疼|闷|紧|压|憋|难受"},
        {"cn_spread", "痛到|疼到|传到|延伸到|放射到|窜到|扯到|连到"},
        {"cn_radiate_to", "下巴|左手|左臂|手臂|胳膊|肩膀|左肩|脖子|后背|"
                          "背|牙"},
        {"face_part", "face|mouth|lip|lips|smile|cheek|jaw|"
                      "side of his face|side of her face|side of my face"},
        {"droop_w", "droop*|sag*|sliding|slid|slipping|slipped|"
                    "dropped|drooped|dropping|fallen|falling|hanging|"
                    "lopsided|crooked|uneven|twisted|pulled|pulling|"
                    "lower|lopsided|slanted|slanting|melting|sunk|"
                    "sunken|collapsed|not moving|won't move|frozen"},
        {"side_w", "left|right"},
        {"limb", "arm|arms|leg|legs|hand|hands|foot|feet|side|face|"
                 "fingers|shoulder|hip|body"},
        {"numb_weak", "numb*|weak*|tingl*|heavy|dead|paraly*|limp|"
                      "useless|floppy|no feeling|no strength|"
                      "won't move|wont move|can't move|cannot move|"
                      "won't work|wont work|won't do|wont do|"
                      "not working|not responding|gave out|gave way|"
                      "pins and needles"},
        {"onset", "sudden|suddenly|all of a sudden|out of nowhere|"
                  "out of the blue|abruptly|woke up|just now|within minutes|"
                  "minutes ago|an hour ago|this morning|tonight|started"},

        /* ---- suicide ---- */
        {"intent", "want to|wanna|going to|gonna|plan to|planning to|"
                   "planned to|thinking of|thinking about|thought of|"
                   "thoughts of|thoughts about|ready to|decided to|"
                   "about to|considering|tempted to|urge to|urges to|"
                   "wish i could|feel like|feels like|might just|"
                   "will just|i'll just|tried to|trying to|attempted to"},
        {"end_v", "end|ending|ended|finish|finishing|finish it|stop it|"
                  "be done with"},
        {"suicide_obj", "end it|ending it|end it all|end my life|"
                        "ending my life|end things|kill myself|"
                        "killing myself|die|not wake up|disappear|"
                        "finish it|be done with it|hurt myself"},

        /* ---- heart and breathing ---- */
        {"chest_sens", "heavy|heaviness|pressing|pressure|tight|tightness|"
                       "squeez*|crush*|band|weight|vice|elephant|gripping|"
                       "clamp*"},
        {"spread_v", "spread*|radiat*|going into|goes into|going down|"
                     "goes down|going up|shoot*|moving to|moves to|"
                     "travel*"},
        {"radiate_to", "arm|arms|jaw|neck|shoulder|shoulders|left hand|"
                       "teeth|shoulder blades|shoulder blade"},
        {"reliever", "inhaler|puffer|ventolin|salbutamol|albuterol|"
                     "nebuliser|nebulizer|neb|blue pump"},
        {"not_help", "not working|isn't working|not helping|isn't helping|"
                     "doesn't help|didn't help|doesn't work|didn't work|"
                     "no help|no effect|no relief|not doing anything|"
                     "does nothing|did nothing|useless"},
        {"become", "turn|turns|turned|turning|going|gone|went|goes|getting|"
                   "got|looks|look|looking"},
        {"lip_face", "lips|lip|mouth|face|round|around|tongue"},
        {"cn_reliever", "喷雾|喷剂|吸入器|气雾剂|万托林|沙丁胺醇|平喘药"},
        {"cn_not_help", "没用|没效|没有用|没有效果|不管用|无效|不见效"},

        /* ---- bleeding ---- */
        {"pad_w", "pad|pads|towel|towels|sanitary|maxi pad|tampon|tampons|"
                  "nappy|diaper"},
        {"stool_n", "stool|stools|poo|poos|poop|poops|feces|faeces|motion|"
                    "motions|bowel movement*|bm|number two|diarrh*"},
        {"black_w", "black|blackish|jet black|tar|tarry|coal|pitch black|"
                    "like tar"},
        {"bleed_n", "bleed*|bled|nosebleed*|nose bleed*|blood|haemorrhag*|"
                    "hemorrhag*"},
        {"nonstop", "won't stop|wont stop|not stopping|not stopped|"
                    "doesn't stop|hasn't stopped|isn't stopping|"
                    "keeps going|keeps coming|still going|non stop|nonstop|"
                    "won't clot|not clotting|can't stop|cannot stop"},
        {"amount_lot", "a lot|quite a lot|lots|loads|heavy|heavily|"
                       "all day|clots|cupful|cup|pints|toilet bowl|"
                       "full of blood|bucket"},
        {"cn_bleed", "拉血|便血|出血|流血|吐血|尿血|咳血|鼻血"},
        {"cn_nonstop", "止不住|止不了|停不下来|停不了|一直流|流个不停"},
        {"cn_lot", "很多|好多|大量|不停|止不住|一大摊|一大口|满马桶"},

        /* ---- consciousness ---- */
        {"confused_w", "confused|muddled|disoriented|disorientated|"
                       "doesn't know me|didn't know me|doesn't recogni*|"
                       "didn't recogni*|talking rubbish|talking nonsense|"
                       "talking gibberish|babbling|out of it|not with it|"
                       "not making sense|away with the fairies|"
                       "doesn't know where|doesn't know what day"},
        {"time_recent", "this morning|this afternoon|this evening|today|"
                        "yesterday|last night|an hour ago|lunch|lunchtime|"
                        "breakfast|dinner|earlier|we woke|he woke|she woke"},
        {"acute_change", "not like him|not like her|not like himself|"
                         "not like herself|out of character|never like this|"
                         "never been like this|completely different"},

        /* ---- suicide means and despair ---- */
        {"jump_v", "jump|jumping|jumped|throw myself|throwing myself|"
                   "step off|stepping off|leap|leaping"},
        {"height", "bridge|building|roof|rooftop|balcony|cliff|tower|"
                   "window|ledge|overpass|car park|multi storey"},

        /* ---- seizures ---- */
        {"first_w", "first|first ever|1st|first time|very first"},
        {"seiz_n", "seizure|seizures|fit|fits|convulsion|convulsions|"
                   "episode|episodes"},
        {"nth", "second|third|fourth|fifth|another|2nd|3rd|4th"},
        {"jerk_w", "jerking|jerks|jerked|twitching|shaking|shook|"
                   "stiffened|stiff|convulsing|fitting|thrashing"},
        {"cn_jerk", "抽|抽筋|抽搐|发抖|抖|僵硬|惊厥"},

        /* ---- head injury ---- */
        {"fall_from", "bike|bicycle|scooter|motorbike|motorcycle|horse|"
                      "skateboard|trampoline|ladder|roof|bunk bed|"
                      "bunk|wall|tree|climbing frame|monkey bars|swing"},

        /* ---- anaphylaxis ---- */
        {"adr_pen", "epipen|epi pen|adrenaline pen|epinephrine pen|"
                    "auto injector|autoinjector"},
        {"pen_use", "used|gave|giving|needed|jabbed|injected|using|"
                    "dùng|tiêm|xài|用了|打了|注射"},
        {"pen_used", "used|given|didn't help|not helping|in her thigh|"
                     "in his thigh|in my thigh|jabbed"},

        /* ---- burns ---- */
        {"burn_src", "burn|burns|burned|burnt|scald*|boiling|"
                     "hot oil|hot water|hot soup|hot tea|hot coffee|"
                     "kettle|steam|deep fryer|caught fire|on fire|"
                     "chemical burn|electrocut*|electric shock|live wire|"
                     "firework*"},
        {"big_w", "whole|entire|large|big|huge|massive|most of|all over|"
                  "covering|covers|covered|across|half of|both|all down"},
        {"burn_area", "arm|forearm|arms|leg|legs|thigh|chest|back|body|"
                      "tummy|belly|stomach|torso|area|patch|blister|"
                      "blisters|hand|hands|face|neck|side|skin"},
        {"cn_burn", "烫伤|烧伤|烫到|烫了|烧到|灼伤|开水|热水|热油|滚油|"
                    "滚烫|沸水|蒸汽|火烧|着火|触电|电击|化学|强酸|强碱"},
        {"cn_poison", "漂白水|漂白剂|洗衣液|洗衣粉|消毒水|消毒液|清洁剂|"
                      "洁厕灵|杀虫剂|除草剂|农药|老鼠药|防冻液|汽油|煤油|"
                      "电池|干燥剂|甲醇|洗洁精|凝珠|巴拉刈|百草枯|有机磷|"
                      "敌敌畏|氰化物|灭鼠药|玻璃水|防冻剂|通乐|通水管|疏通剂|"
                      "通渠|"
                      "洁厕剂|酒精|去渍油|松香水|稀释剂|天那水|"
                      "香蕉水"},
        {"vi_poison", "dầu hỏa|nước tẩy|thuốc tẩy|nước rửa chén|"
                      "nước lau sàn|thuốc trừ sâu|thuốc diệt cỏ|"
                      "thuốc chuột|bả chuột|xăng|cồn|pin|nước javel|"
                      "thuốc tẩy bồn cầu|thuốc thông cống|"
                      "nước thông cống|thông tắc"},
        {"vi_burn", "bỏng|phỏng|nước sôi|dầu sôi|dầu nóng|nước nóng|"
                    "điện giật|bị điện giật|cháy|hơi nóng|axit|hóa chất"},
};
const size_t rf_nclasses = sizeof(rf_classes) / sizeof(rf_classes[0]);
