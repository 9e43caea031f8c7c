/* aisle-demo-names.c: the demo data's reference tables (stores, Taiwanese surnames and given
 * names, product categories) and the random draws from them.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-demo"

#include "config.h"

#include <string.h>

#include "aisle-demo-private.h"

char *
_aisle_demo_rng_uuid (Rng *rng)
{
  guint64 a = rng_next (rng), b = rng_next (rng);

  /* Version 4, variant 1, like g_uuid_string_random() but reproducible. */
  a = (a & ~0xf000ULL) | 0x4000ULL;
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return g_strdup_printf ("%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
                          (guint) (a >> 32), (guint) ((a >> 16) & 0xffff), (guint) (a & 0xffff),
                          (guint) (b >> 48), (guint64) (b & 0xffffffffffffULL));
}

/* --- reference data ------------------------------------------------------------------------ */

const StoreSeed _aisle_demo_stores[AISLE_DEMO_N_STORES] = {
  { "TPE01", "台北信義店", "台北市信義區松高路11號", "02-2722-0101", 25.0394, 121.5674, 30 },
  { "NTP01", "新北板橋店", "新北市板橋區縣民大道二段7號", "02-2960-0202", 25.0136, 121.4637, 25 },
  { "TYN01", "桃園中壢店", "桃園市中壢區中正路100號", "03-425-0303", 24.9568, 121.2250, 15 },
  { "TXG01", "台中西屯店", "台中市西屯區台灣大道三段301號", "04-2258-0404", 24.1650, 120.6440, 15 },
  { "KHH01", "高雄左營店", "高雄市左營區博愛二路777號", "07-558-0505", 22.6693, 120.3027, 15 },
};

typedef struct
{
  const char *surname;
  guint weight;   /* per 100,000 people, from the Ministry of the Interior's 2018 figures */
} Surname;

static const Surname surnames[] = {
  { "陳", 11130 }, { "林", 8280 }, { "黃", 6020 }, { "張", 5260 }, { "李", 5110 },
  { "王", 4130 }, { "吳", 4040 }, { "劉", 3180 }, { "蔡", 2900 }, { "楊", 2660 },
  { "許", 2340 }, { "鄭", 1890 }, { "謝", 1820 }, { "洪", 1550 }, { "郭", 1530 },
  { "邱", 1480 }, { "曾", 1430 }, { "廖", 1340 }, { "賴", 1320 }, { "徐", 1280 },
  { "周", 1140 }, { "葉", 1120 }, { "蘇", 1110 }, { "莊", 950 }, { "呂", 900 },
  { "江", 890 }, { "何", 830 }, { "蕭", 760 }, { "羅", 750 }, { "高", 720 },
  { "潘", 620 }, { "簡", 610 }, { "朱", 600 }, { "鍾", 580 }, { "游", 560 },
  { "彭", 550 }, { "詹", 530 }, { "胡", 510 }, { "施", 500 }, { "沈", 480 },
  { "余", 470 }, { "盧", 450 }, { "梁", 440 }, { "趙", 440 }, { "顏", 430 },
  { "柯", 430 }, { "翁", 420 }, { "魏", 400 }, { "孫", 380 }, { "戴", 370 },
  { "范", 360 }, { "方", 350 }, { "宋", 340 }, { "鄧", 330 }, { "杜", 300 },
  { "傅", 290 }, { "侯", 280 }, { "曹", 270 }, { "薛", 260 }, { "丁", 250 },
  { "卓", 240 }, { "阮", 230 }, { "馬", 220 }, { "董", 220 }, { "温", 210 },
  { "唐", 210 }, { "藍", 200 }, { "石", 200 }, { "蔣", 190 }, { "古", 190 },
  /* Compound surnames: rare, but they must be searchable (歐陽 alone finds 歐陽娜娜). */
  { "張簡", 30 }, { "歐陽", 20 }, { "范姜", 15 }, { "司馬", 5 }, { "諸葛", 2 },
  { "上官", 2 }, { "司徒", 2 },
};

/* Whole given names that are common in Taiwan (both sexes), used for about half of members. */
static const char * const given_names[] = {
  "怡君", "雅婷", "淑芬", "家豪", "志明", "俊傑", "建宏", "小明", "美玲", "宗翰", "雅雯",
  "佩君", "冠宇", "承恩", "宥廷", "子涵", "品妍", "詠晴", "柏翰", "冠廷", "彥廷", "家瑋",
  "怡婷", "欣怡", "詩涵", "思妤", "佳穎", "郁婷", "佩珊", "惠雯", "志偉", "志豪", "俊宏",
  "家銘", "信宏", "明哲", "文雄", "淑惠", "美惠", "麗華", "秀英", "玉蘭", "承翰", "宇翔",
  "婉婷", "佳蓉", "心怡", "振宇", "柏宇", "育誠", "品睿", "宜蓁", "靜怡", "淑貞", "嘉玲",
  "娜娜", "小華", "大同", "國華", "金龍",
};

/* Characters for composed two-character given names. */
static const char first_chars[] =
  "家志俊建宗冠承宥子品詠柏彥佳郁佩惠明文淑美麗秀玉宇婉心振育宜靜嘉國金偉雅怡欣思詩凱士瑞";
static const char second_chars[] =
  "豪明傑宏翰宇恩廷涵妍晴瑋婷怡穎珊雯偉銘哲雄惠華英蘭翔蓉誠睿蓁玲芬君琪萱安仁賢軒如慧";

static const char * const single_given[] = { "偉", "芳", "娟", "敏", "靜", "強", "磊", "軍",
                                              "傑", "娜", "薇", "琳", "豪", "凱", "翔" };

static const char * const drink_brands[] = { "統一", "黑松", "維他露", "光泉", "味全", "悅氏", NULL };
static const char * const drink_items[] = { "無糖綠茶", "茉莉綠茶", "烏龍茶", "紅茶", "奶茶",
                                            "麥茶", "礦泉水", "運動飲料", "檸檬紅茶", "冬瓜茶",
                                            "氣泡水", "咖啡歐蕾", NULL };
static const char * const drink_sizes[] = { "330ml", "600ml", "975ml", "1250ml", "2000ml", "6入",
                                            NULL };
static const char * const snack_brands[] = { "乖乖", "義美", "卡迪那", "華元", "旺旺", "77",
                                             "Lay's", NULL };
static const char * const snack_items[] = { "玉米脆果", "蘇打餅", "洋芋片", "海苔米果", "巧克力",
                                            "夾心酥", "蛋捲", "鳳梨酥", "牛軋糖", "仙貝", NULL };
static const char * const snack_sizes[] = { "52g", "90g", "150g", "300g", "量販包", "禮盒",
                                            NULL };
static const char * const noodle_brands[] = { "統一", "維力", "味丹", "來一客", "Nissin", NULL };
static const char * const noodle_items[] = { "牛肉麵", "肉燥麵", "炸醬麵", "鮮蝦麵", "排骨雞麵",
                                             "麻辣鍋麵", "素食麵", "烏龍麵", NULL };
static const char * const noodle_sizes[] = { "單包", "5入", "碗裝", "杯裝", "箱購", NULL };
static const char * const home_brands[] = { "舒潔", "五月花", "白蘭", "花王", "獅王", "黑人",
                                            "3M", NULL };
static const char * const home_items[] = { "抽取式衛生紙", "廚房紙巾", "洗衣精", "洗碗精",
                                           "牙膏", "牙刷", "沐浴乳", "洗髮精", "菜瓜布", NULL };
static const char * const home_sizes[] = { "100抽", "6捲", "2000g", "補充包", "超值組", "旅行組",
                                           NULL };
static const char * const beauty_brands[] = { "Neutrogena", "Nivea", "肌研", "曼秀雷敦",
                                              "Bioré", NULL };
static const char * const beauty_items[] = { "洗面乳", "乳液", "防曬乳", "護唇膏", "卸妝油",
                                             "化妝水", "面膜", NULL };
static const char * const beauty_sizes[] = { "30ml", "100ml", "150g", "5片", "特惠組", NULL };
static const char * const pantry_brands[] = { "金蘭", "萬家香", "Kikkoman", "味全", "台糖",
                                              NULL };
static const char * const pantry_items[] = { "醬油", "醬油膏", "烏醋", "香油", "砂糖", "沙拉油",
                                             "味噌", "辣椒醬", NULL };
static const char * const pantry_sizes[] = { "500ml", "1L", "1kg", "2入", "家庭號", NULL };
static const char * const dairy_brands[] = { "光泉", "林鳳營", "瑞穗", "味全", "福樂", NULL };
static const char * const dairy_items[] = { "鮮乳", "低脂鮮乳", "優酪乳", "布丁", "豆漿",
                                            "起司片", NULL };
static const char * const dairy_sizes[] = { "290ml", "936ml", "1857ml", "3入", "12片", NULL };
static const char * const appliance_brands[] = { "Panasonic", "Philips", "大同", "聲寶",
                                                 "Tiger", NULL };
static const char * const appliance_items[] = { "電鍋", "吹風機", "電熱水瓶", "烤麵包機",
                                                "電風扇", "除濕機", "刮鬍刀", NULL };
static const char * const appliance_sizes[] = { "6人份", "10人份", "標準型", "旗艦型", "黑色",
                                                "白色", NULL };

const Category _aisle_demo_categories[] = {
  { "飲料", drink_brands, drink_items, drink_sizes, 15, 120 },
  { "零食", snack_brands, snack_items, snack_sizes, 20, 350 },
  { "泡麵", noodle_brands, noodle_items, noodle_sizes, 25, 600 },
  { "日用品", home_brands, home_items, home_sizes, 39, 599 },
  { "美妝保養", beauty_brands, beauty_items, beauty_sizes, 89, 899 },
  { "調味料", pantry_brands, pantry_items, pantry_sizes, 35, 299 },
  { "乳品", dairy_brands, dairy_items, dairy_sizes, 25, 199 },
  { "家電", appliance_brands, appliance_items, appliance_sizes, 690, 5990 },
};

const char * const _aisle_demo_note_texts[] = {
  "偏好無糖飲料", "週末下午常來店", "對堅果過敏", "請以簡訊聯繫，勿來電", "生日當月想要禮盒",
  "習慣線上下單、門市取貨", "喜歡新品試吃", "家中有嬰兒，關注尿布優惠",
};
const char * const _aisle_demo_tag_names[] = { "VIP", "素食", "新手爸媽", "寵物", "上班族", "學生",
                                          "銀髮族", "團購主" };

const char * const _aisle_demo_coupon_titles[] = { "滿千折百", "生日禮 NT$100", "會員日折 50",
                                              "APP 首購禮", "門市回饋券" };

const guint _aisle_demo_n_categories = G_N_ELEMENTS (_aisle_demo_categories);
const guint _aisle_demo_n_note_texts = G_N_ELEMENTS (_aisle_demo_note_texts);
const guint _aisle_demo_n_tag_names = G_N_ELEMENTS (_aisle_demo_tag_names);
const guint _aisle_demo_n_coupon_titles = G_N_ELEMENTS (_aisle_demo_coupon_titles);

/* --- helpers ------------------------------------------------------------------------------- */

/**
 * aisle_ean13_check_digit:
 * @first12: the first twelve digits
 *
 * Returns: the GS1 check digit as a character, or '\0' if @first12 is not twelve digits
 */
char
aisle_ean13_check_digit (const char *first12)
{
  guint sum = 0;

  g_return_val_if_fail (first12 != NULL, '\0');

  for (guint i = 0; i < 12; i++)
    {
      if (!g_ascii_isdigit (first12[i]))
        return '\0';
      sum += (guint) (first12[i] - '0') * (i % 2 == 0 ? 1 : 3);
    }
  return (char) ('0' + (10 - sum % 10) % 10);
}

gboolean
aisle_ean13_is_valid (const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  return strlen (code) == 13 && aisle_ean13_check_digit (code) == code[12];
}

char *
_aisle_demo_make_ean13 (guint a,
                        guint b)
{
  /* 471 is GS1 Taiwan; then a 4-digit company and a 5-digit item reference. */
  char digits[14];

  g_snprintf (digits, sizeof digits, "471%04u%05u", a % 10000, b % 100000);
  digits[12] = aisle_ean13_check_digit (digits);
  digits[13] = '\0';
  return g_strdup (digits);
}

static char *
utf8_char_at (const char *chars,
              guint       index)
{
  const char *p = g_utf8_offset_to_pointer (chars, index);

  return g_strndup (p, g_utf8_next_char (p) - p);
}

char *
_aisle_demo_random_name (Rng *rng)
{
  static guint surname_total = 0;
  guint pick;
  const char *surname = surnames[0].surname;
  g_autofree char *given = NULL;
  double r;

  if (surname_total == 0)
    for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
      surname_total += surnames[i].weight;

  pick = rng_below (rng, surname_total);
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (pick < surnames[i].weight)
        {
          surname = surnames[i].surname;
          break;
        }
      pick -= surnames[i].weight;
    }

  r = rng_unit (rng);
  if (r < 0.45)
    given = g_strdup (given_names[rng_below (rng, G_N_ELEMENTS (given_names))]);
  else if (r < 0.93)
    {
      g_autofree char *a = utf8_char_at (first_chars, rng_below (rng, g_utf8_strlen (first_chars, -1)));
      g_autofree char *b = utf8_char_at (second_chars, rng_below (rng, g_utf8_strlen (second_chars, -1)));
      given = g_strconcat (a, b, NULL);
    }
  else
    given = g_strdup (single_given[rng_below (rng, G_N_ELEMENTS (single_given))]);

  return g_strconcat (surname, given, NULL);
}

guint
_aisle_demo_pick_store (Rng *rng)
{
  guint pick = rng_below (rng, 100);

  for (guint i = 0; i < AISLE_DEMO_N_STORES; i++)
    {
      if (pick < _aisle_demo_stores[i].weight)
        return i;
      pick -= _aisle_demo_stores[i].weight;
    }
  return 0;
}

char *
_aisle_demo_staff_id (guint store,
                      guint n)
{
  return g_strdup_printf ("S%04u", store * STAFF_PER_STORE + n + 1);
}

/* An associate (not the manager, who is n = 0) of @store. */
char *
_aisle_demo_random_associate (Rng   *rng,
                              guint  store)
{
  return _aisle_demo_staff_id (store, 1 + rng_below (rng, STAFF_PER_STORE - 1));
}
