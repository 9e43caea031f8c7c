/* aisle-demo.c: deterministic Taiwanese retail demo data (stores, staff, products, members,
 * a year of orders across channels with attribution, points, coupons ...).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo staff PINs: every demo staff member (S0001-S0040) has the PIN 1234 (AISLE_DEMO_PIN).
 * S0001, S0009, S0017, S0025 and S0033 are the store managers.
 */

#define G_LOG_DOMAIN "aisle-demo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "aisle-demo.h"

#define DAY (24 * 3600)

/* --- PRNG: xoshiro256**, seeded by splitmix64 (rand() differs between libcs) --------------- */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
rng_seed (Rng     *rng,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n): the multiply-shift of the top 32 bits; bias is below 2^-32 * n. */
static guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

static char *
rng_uuid (Rng *rng)
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

typedef struct
{
  const char *id, *name, *address, *phone;
  double lat, lon;
  guint weight;   /* share of members whose home store this is */
} StoreSeed;

static const StoreSeed stores[AISLE_DEMO_N_STORES] = {
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

typedef struct
{
  const char *name;
  const char * const *brands;
  const char * const *items;
  const char * const *sizes;
  gint64 min_price, max_price;   /* NT$ */
} Category;

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

static const Category categories[] = {
  { "飲料", drink_brands, drink_items, drink_sizes, 15, 120 },
  { "零食", snack_brands, snack_items, snack_sizes, 20, 350 },
  { "泡麵", noodle_brands, noodle_items, noodle_sizes, 25, 600 },
  { "日用品", home_brands, home_items, home_sizes, 39, 599 },
  { "美妝保養", beauty_brands, beauty_items, beauty_sizes, 89, 899 },
  { "調味料", pantry_brands, pantry_items, pantry_sizes, 35, 299 },
  { "乳品", dairy_brands, dairy_items, dairy_sizes, 25, 199 },
  { "家電", appliance_brands, appliance_items, appliance_sizes, 690, 5990 },
};

static const char * const note_texts[] = {
  "偏好無糖飲料", "週末下午常來店", "對堅果過敏", "請以簡訊聯繫，勿來電", "生日當月想要禮盒",
  "習慣線上下單、門市取貨", "喜歡新品試吃", "家中有嬰兒，關注尿布優惠",
};
static const char * const tag_names[] = { "VIP", "素食", "新手爸媽", "寵物", "上班族", "學生",
                                          "銀髮族", "團購主" };

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

static char *
make_ean13 (guint a,
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

static char *
random_name (Rng *rng)
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

static guint
pick_store (Rng *rng)
{
  guint pick = rng_below (rng, 100);

  for (guint i = 0; i < AISLE_DEMO_N_STORES; i++)
    {
      if (pick < stores[i].weight)
        return i;
      pick -= stores[i].weight;
    }
  return 0;
}

#define STAFF_PER_STORE (AISLE_DEMO_N_STAFF / AISLE_DEMO_N_STORES)

static char *
staff_id (guint store,
          guint n)
{
  return g_strdup_printf ("S%04u", store * STAFF_PER_STORE + n + 1);
}

/* An associate (not the manager, who is n = 0) of @store. */
static char *
random_associate (Rng   *rng,
                  guint  store)
{
  return staff_id (store, 1 + rng_below (rng, STAFF_PER_STORE - 1));
}

typedef struct
{
  AisleStore              *store;
  const AisleDemoOptions  *options;
  AisleDemoStats          *stats;
  Rng                      rng;
  GPtrArray               *products;      /* (element-type AisleProduct), by popularity desc */
  guint8                  *phones_used;   /* bitmap over the 10^8 numbers 09xxxxxxxx */
  char                    *consent_hash;
} Demo;

static void
progress (Demo       *demo,
          const char *phase,
          guint64     done,
          guint64     total)
{
  if (demo->options->progress != NULL)
    demo->options->progress (phase, done, total, demo->options->progress_data);
}

/* --- generators ---------------------------------------------------------------------------- */

static gboolean
generate_stores_and_staff (Demo    *demo,
                           GError **error)
{
  char pin_hash[crypto_pwhash_STRBYTES];
  Rng *rng = &demo->rng;

  for (guint s = 0; s < AISLE_DEMO_N_STORES; s++)
    {
      g_autoptr(AisleBranch) branch = aisle_branch_new ();

      branch->id = g_strdup (stores[s].id);
      branch->name = g_strdup (stores[s].name);
      branch->address = g_strdup (stores[s].address);
      branch->phone = g_strdup (stores[s].phone);
      branch->latitude = stores[s].lat;
      branch->longitude = stores[s].lon;
      if (!aisle_store_upsert_branch (demo->store, branch, error))
        return FALSE;
      demo->stats->stores++;

      for (guint n = 0; n < STAFF_PER_STORE; n++)
        {
          g_autoptr(AisleStaff) staff = aisle_staff_new ();

          if (crypto_pwhash_str (pin_hash, AISLE_DEMO_PIN, strlen (AISLE_DEMO_PIN),
                                 demo->options->pin_opslimit, demo->options->pin_memlimit) != 0)
            {
              g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED,
                           "hashing a demo PIN: out of memory");
              return FALSE;
            }
          staff->id = staff_id (s, n);
          staff->branch_id = g_strdup (stores[s].id);
          staff->name = random_name (rng);
          staff->role = n == 0 ? AISLE_STAFF_ROLE_MANAGER : AISLE_STAFF_ROLE_ASSOCIATE;
          staff->pin_hash = g_strdup (pin_hash);
          staff->active = n != STAFF_PER_STORE - 1 || s != 0;   /* one who has left */
          if (!aisle_store_upsert_staff (demo->store, staff, error))
            return FALSE;
          demo->stats->staff++;
        }
    }
  return TRUE;
}

static int
compare_popularity (gconstpointer a,
                    gconstpointer b)
{
  const AisleProduct *x = *(AisleProduct * const *) a;
  const AisleProduct *y = *(AisleProduct * const *) b;

  return x->popularity > y->popularity ? -1 : x->popularity < y->popularity ? 1
                                                                            : strcmp (x->id, y->id);
}

static gboolean
generate_products (Demo    *demo,
                   GError **error)
{
  Rng *rng = &demo->rng;
  guint n = demo->options->n_products;

  for (guint i = 0; i < n; i++)
    {
      const Category *cat = &categories[rng_below (rng, G_N_ELEMENTS (categories))];
      guint n_brands = g_strv_length ((GStrv) cat->brands);
      guint n_items = g_strv_length ((GStrv) cat->items);
      guint n_sizes = g_strv_length ((GStrv) cat->sizes);
      guint brand = rng_below (rng, n_brands);
      AisleProduct *product = aisle_product_new ();
      GStrvBuilder *codes = g_strv_builder_new ();
      gint64 price = cat->min_price + rng_below (rng, (guint32) (cat->max_price - cat->min_price + 1));

      product->id = g_strdup_printf ("P%06u", i + 1);
      product->brand = g_strdup (cat->brands[brand]);
      product->category = g_strdup (cat->name);
      product->name = g_strdup_printf ("%s %s %s", cat->brands[brand],
                                       cat->items[rng_below (rng, n_items)],
                                       cat->sizes[rng_below (rng, n_sizes)]);
      /* Prices end in 0, 5 or 9, as on Taiwanese shelves; stored in cents. */
      product->price = (price - price % 5 + (rng_chance (rng, 0.3) ? 4 : 0)) * 100;
      /* Heavy-tailed sales: a few products sell most. */
      product->popularity = (gint64) (1000.0 / (1.0 + rng_below (rng, 1000)) * (1 + rng_below (rng, 50)));

      {
        g_autofree char *code = make_ean13 ((guint) (cat - categories) * 1000 + brand * 10 + i / 100000, i);
        g_strv_builder_add (codes, code);
      }
      if (rng_chance (rng, 0.05))   /* a second code: a multipack or an old label */
        {
          g_autofree char *code = make_ean13 (9000 + i / 100000, i);
          g_strv_builder_add (codes, code);
        }
      product->barcodes = g_strv_builder_end (codes);
      g_strv_builder_unref (codes);

      if (!aisle_store_upsert_product (demo->store, product, error))
        {
          aisle_product_free (product);
          return FALSE;
        }
      demo->stats->products++;
      demo->stats->barcodes += g_strv_length (product->barcodes);

      for (guint s = 0; s <= AISLE_DEMO_N_STORES; s++)
        {
          g_autoptr(AisleStock) stock = aisle_stock_new ();

          stock->product_id = g_strdup (product->id);
          stock->location_id = g_strdup (s < AISLE_DEMO_N_STORES ? stores[s].id
                                                                 : AISLE_LOCATION_ONLINE);
          stock->on_hand = rng_chance (rng, 0.1) ? 0 : rng_below (rng, s < AISLE_DEMO_N_STORES ? 60 : 500);
          stock->reserved = stock->on_hand > 0 && rng_chance (rng, 0.05) ? 1 : 0;
          stock->updated_at = demo->options->now - rng_below (rng, 7 * DAY);
          if (!aisle_store_set_stock (demo->store, stock, error))
            {
              aisle_product_free (product);
              return FALSE;
            }
          demo->stats->stock++;
        }
      g_ptr_array_add (demo->products, product);
      if (i % 1000 == 999)
        progress (demo, "products", i + 1, n);
    }
  g_ptr_array_sort (demo->products, compare_popularity);
  return TRUE;
}

/* A product index skewed to the best sellers (products are sorted by popularity). */
static const AisleProduct *
pick_product (Demo *demo)
{
  double u = rng_unit (&demo->rng);
  guint i = (guint) (u * u * u * demo->products->len);

  return g_ptr_array_index (demo->products, MIN (i, demo->products->len - 1));
}

static char *
unique_phone (Demo *demo)
{
  for (;;)
    {
      guint32 n = rng_below (&demo->rng, 100000000);

      /* 09 then 8 digits; Taiwanese mobile prefixes are 090-099, all allowed here. */
      if ((demo->phones_used[n / 8] & (1u << (n % 8))) == 0)
        {
          demo->phones_used[n / 8] |= (guint8) (1u << (n % 8));
          return g_strdup_printf ("09%08u", n);
        }
    }
}

static const char * const coupon_titles[] = { "滿千折百", "生日禮 NT$100", "會員日折 50",
                                              "APP 首購禮", "門市回饋券" };

static gboolean
generate_orders (Demo               *demo,
                 const AisleMember  *member,
                 guint               home,
                 const AisleBinding *binding,
                 const gint64       *times,
                 guint               n_orders,
                 GError            **error)
{
  Rng *rng = &demo->rng;

  for (guint k = 0; k < n_orders; k++)
    {
      g_autoptr(AisleOrder) o = aisle_order_new ();
      double r = rng_unit (rng);
      guint n_items = 1 + rng_below (rng, 4);
      guint branch = rng_chance (rng, 0.85) ? home : rng_below (rng, AISLE_DEMO_N_STORES);
      gboolean bound = binding != NULL && times[k] >= binding->since;

      o->id = rng_uuid (rng);
      o->member_id = g_strdup (member->id);
      o->placed_at = times[k];
      o->channel = r < 0.6 ? AISLE_CHANNEL_STORE : r < 0.9 ? AISLE_CHANNEL_ONLINE : AISLE_CHANNEL_APP;
      if (o->channel == AISLE_CHANNEL_STORE)
        {
          o->fulfilment = AISLE_FULFILMENT_IN_STORE;
          o->status = rng_chance (rng, 0.97) ? AISLE_ORDER_STATUS_COMPLETED : AISLE_ORDER_STATUS_REFUNDED;
          o->branch_id = g_strdup (stores[branch].id);
          o->credited_staff_id = random_associate (rng, branch);
          o->credited_branch_id = g_strdup (stores[branch].id);
          o->credit_reason = g_strdup ("sold_by");
        }
      else
        {
          gint64 age = demo->options->now - times[k];

          o->fulfilment = rng_chance (rng, 0.7) ? AISLE_FULFILMENT_DELIVERY : AISLE_FULFILMENT_PICKUP;
          if (rng_chance (rng, 0.02))
            o->status = AISLE_ORDER_STATUS_CANCELLED;
          else if (age < 1 * DAY)
            o->status = AISLE_ORDER_STATUS_PAID;
          else if (age < 3 * DAY)
            o->status = AISLE_ORDER_STATUS_SHIPPED;
          else
            o->status = o->fulfilment == AISLE_FULFILMENT_DELIVERY ? AISLE_ORDER_STATUS_DELIVERED
                                                                   : AISLE_ORDER_STATUS_COMPLETED;
          if (o->fulfilment == AISLE_FULFILMENT_DELIVERY)
            o->tracking = g_strdup_printf ("黑貓宅急便 %012" G_GUINT64_FORMAT " %s",
                                           (guint64) (rng_next (rng) % G_GUINT64_CONSTANT (1000000000000)),
                                           o->status == AISLE_ORDER_STATUS_PAID ? "待出貨"
                                           : o->status == AISLE_ORDER_STATUS_SHIPPED ? "配送中"
                                                                                     : "已送達");
          else
            o->branch_id = g_strdup (stores[branch].id);
          /* Attribution (分潤): the bound associate earns online sales; otherwise the store
           * of pickup, or the member's home store. */
          if (bound)
            {
              o->credited_staff_id = g_strdup (binding->staff_id);
              o->credited_branch_id = g_strdup (binding->branch_id);
              o->credit_reason = g_strdup_printf ("binding:%s", binding->id);
            }
          else if (o->branch_id != NULL)
            {
              o->credited_branch_id = g_strdup (o->branch_id);
              o->credit_reason = g_strdup ("pickup_store");
            }
          else
            {
              o->credited_branch_id = g_strdup (stores[home].id);
              o->credit_reason = g_strdup ("home_store");
            }
        }

      for (guint i = 0; i < n_items; i++)
        {
          const AisleProduct *p = pick_product (demo);
          AisleOrderItem *item = aisle_order_item_new ();

          item->product_id = g_strdup (p->id);
          item->name = g_strdup (p->name);
          item->quantity = 1 + rng_below (rng, 3);
          item->unit_price = p->price;
          o->total += (gint64) (item->quantity * item->unit_price);
          g_ptr_array_add (o->items, item);
        }
      if (!aisle_store_upsert_order (demo->store, o, error))
        return FALSE;
      demo->stats->orders++;
      demo->stats->order_items += n_items;

      if (o->status == AISLE_ORDER_STATUS_COMPLETED || o->status == AISLE_ORDER_STATUS_DELIVERED)
        {
          g_autoptr(AislePointsEntry) e = aisle_points_entry_new ();

          /* One point per NT$100 spent. */
          e->id = rng_uuid (rng);
          e->member_id = g_strdup (member->id);
          e->delta = o->total / 10000;
          e->reason = g_strdup_printf ("order:%s", o->id);
          e->at = o->placed_at;
          if (e->delta > 0)
            {
              if (!aisle_store_append_points (demo->store, e, error))
                return FALSE;
              demo->stats->points++;
            }
        }
    }
  return TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static gboolean
generate_extras (Demo               *demo,
                 const AisleMember  *member,
                 guint               index,
                 guint               home,
                 GError            **error)
{
  Rng *rng = &demo->rng;
  gint64 now = demo->options->now;

  if (rng_chance (rng, 0.4))
    for (guint k = 0, n = 1 + rng_below (rng, 2); k < n; k++)
      {
        g_autoptr(AisleCoupon) c = aisle_coupon_new ();

        c->code = g_strdup_printf ("CP%010u", index * 2 + k);
        c->member_id = g_strdup (member->id);
        c->title = g_strdup (coupon_titles[rng_below (rng, G_N_ELEMENTS (coupon_titles))]);
        c->value = (50 + 50 * rng_below (rng, 4)) * 100;
        c->valid_from = now - rng_below (rng, 60 * DAY);
        c->valid_until = c->valid_from + 90 * DAY;
        if (rng_chance (rng, 0.3))
          {
            c->redeemed_at = MIN (now, c->valid_from + rng_below (rng, 30 * DAY));
            c->redeemed_branch_id = g_strdup (stores[home].id);
          }
        if (!aisle_store_upsert_coupon (demo->store, c, error))
          return FALSE;
        demo->stats->coupons++;
      }

  if (rng_chance (rng, 0.05))
    {
      g_autoptr(AisleInvoice) inv = aisle_invoice_new ();
      g_autoptr(GDateTime) when = NULL;

      inv->registered_at = now - rng_below (rng, 180 * DAY);
      when = g_date_time_new_from_unix_utc (inv->registered_at - rng_below (rng, 3 * DAY));
      inv->number = g_strdup_printf ("%c%c%08u", 'A' + rng_below (rng, 26), 'A' + rng_below (rng, 26),
                                     index);
      inv->date = g_strdup_printf ("%03d%02d%02d", g_date_time_get_year (when) - 1911,
                                   g_date_time_get_month (when), g_date_time_get_day_of_month (when));
      inv->random_code = g_strdup_printf ("%04u", rng_below (rng, 10000));
      inv->seller_id = g_strdup ("24549210");
      inv->total = (100 + rng_below (rng, 3000)) * 100;
      inv->member_id = g_strdup (member->id);
      inv->points = inv->total / 10000;
      if (!aisle_store_upsert_invoice (demo->store, inv, error))
        return FALSE;
      demo->stats->invoices++;
    }

  if (rng_chance (rng, 0.01))
    {
      g_autoptr(AisleReservation) r = aisle_reservation_new ();
      guint status = rng_below (rng, 10);

      r->id = rng_uuid (rng);
      r->member_id = g_strdup (member->id);
      r->product_id = g_strdup (pick_product (demo)->id);
      r->branch_id = g_strdup (stores[rng_below (rng, AISLE_DEMO_N_STORES)].id);
      r->quantity = 1 + rng_below (rng, 2);
      r->status = status < 6 ? AISLE_RESERVATION_OPEN : status < 8 ? AISLE_RESERVATION_FULFILLED
                  : status < 9 ? AISLE_RESERVATION_CANCELLED : AISLE_RESERVATION_EXPIRED;
      r->created_at = now - rng_below (rng, 10 * DAY);
      r->expires_at = r->created_at + 7 * DAY;
      r->staff_id = random_associate (rng, home);
      if (!aisle_store_upsert_reservation (demo->store, r, error))
        return FALSE;
      demo->stats->reservations++;
    }

  if (rng_chance (rng, 0.02))
    {
      g_autoptr(AisleNote) note = aisle_note_new ();

      note->id = rng_uuid (rng);
      note->member_id = g_strdup (member->id);
      note->staff_id = random_associate (rng, home);
      note->text = g_strdup (note_texts[rng_below (rng, G_N_ELEMENTS (note_texts))]);
      note->at = now - rng_below (rng, 200 * DAY);
      if (!aisle_store_add_note (demo->store, note, error))
        return FALSE;
      demo->stats->notes++;
    }

  if (rng_chance (rng, 0.05))
    {
      const char *tags[3] = { NULL, NULL, NULL };

      tags[0] = tag_names[rng_below (rng, G_N_ELEMENTS (tag_names))];
      if (rng_chance (rng, 0.3))
        tags[1] = tag_names[rng_below (rng, G_N_ELEMENTS (tag_names))];
      if (!aisle_store_set_member_tags (demo->store, member->id, tags, error))
        return FALSE;
      demo->stats->tags += tags[1] != NULL && g_strcmp0 (tags[0], tags[1]) != 0 ? 2 : 1;
    }
  return TRUE;
}

static gboolean
generate_member (Demo    *demo,
                 guint    index,
                 GError **error)
{
  Rng *rng = &demo->rng;
  gint64 now = demo->options->now;
  g_autoptr(AisleMember) m = aisle_member_new ();
  g_autoptr(AisleConsent) consent = aisle_consent_new ();
  g_autoptr(AisleBinding) binding = NULL;
  guint home = pick_store (rng);
  gint64 times[12];
  guint n_orders = 0;
  double tier = rng_unit (rng);

  m->id = rng_uuid (rng);
  m->number = g_strdup_printf ("%08u", 10000001 + index);
  m->name = random_name (rng);
  m->phone = unique_phone (demo);
  m->birth_month = (int) rng_below (rng, 13);
  m->tier = g_strdup (tier < 0.7 ? "basic" : tier < 0.92 ? "silver" : "gold");
  m->home_branch_id = g_strdup (stores[home].id);
  m->enrolled_at = now - (gint64) (14 + rng_below (rng, 5 * 365)) * DAY - rng_below (rng, DAY);

  /* A quarter never bought; the rest made a geometric number of purchases in the last year. */
  if (rng_chance (rng, 0.75))
    for (n_orders = 1; n_orders < G_N_ELEMENTS (times) && rng_chance (rng, 0.45); n_orders++)
      ;
  for (guint k = 0; k < n_orders; k++)
    times[k] = MAX (m->enrolled_at + 600, now - (gint64) rng_below (rng, 365 * DAY));
  qsort (times, n_orders, sizeof times[0], compare_gint64);
  m->last_activity_at = n_orders > 0 ? times[n_orders - 1]
                                     : m->enrolled_at + rng_below (rng, (guint32) MIN (now - m->enrolled_at, 30 * DAY));
  if (!aisle_store_upsert_member (demo->store, m, error))
    return FALSE;
  demo->stats->members++;

  consent->member_id = g_strdup (m->id);
  consent->policy_version = g_strdup ("2024-01");
  consent->text_hash = g_strdup (demo->consent_hash);
  consent->privacy = TRUE;
  consent->marketing = rng_chance (rng, 0.6);
  consent->at = m->enrolled_at;
  consent->channel = g_strdup (rng_chance (rng, 0.5) ? "tablet" : rng_chance (rng, 0.5) ? "kiosk" : "phone");
  consent->device_id = g_strdup_printf ("%s-dev%u", stores[home].id, 1 + rng_below (rng, 3));
  if (!aisle_store_append_consent (demo->store, consent, NULL, error))
    return FALSE;
  demo->stats->consents++;

  if (rng_chance (rng, 0.3))
    {
      gint64 since = m->enrolled_at + rng_below (rng, 30 * DAY);

      if (rng_chance (rng, 0.1))
        {
          /* An earlier associate who handed the member over. */
          g_autoptr(AisleBinding) old = aisle_binding_new ();

          old->id = rng_uuid (rng);
          old->member_id = g_strdup (m->id);
          old->staff_id = random_associate (rng, home);
          old->branch_id = g_strdup (stores[home].id);
          old->since = since;
          old->until = since + 1;
          since += 1;
          old->source = g_strdup ("card_scan");
          if (!aisle_store_create_binding (demo->store, old, error))
            return FALSE;
          demo->stats->bindings++;
        }
      binding = aisle_binding_new ();
      binding->id = rng_uuid (rng);
      binding->member_id = g_strdup (m->id);
      binding->staff_id = random_associate (rng, home);
      binding->branch_id = g_strdup (stores[home].id);
      binding->since = MIN (since, now);
      binding->source = g_strdup (rng_chance (rng, 0.7) ? "card_scan" : "associate_qr");
      if (!aisle_store_create_binding (demo->store, binding, error))
        return FALSE;
      demo->stats->bindings++;
    }

  return generate_orders (demo, m, home, binding, times, n_orders, error) &&
         generate_extras (demo, m, index, home, error);
}

static gboolean
generate_members (Demo    *demo,
                  GError **error)
{
  guint n = demo->options->n_members;

  for (guint i = 0; i < n; i++)
    {
      if (!generate_member (demo, i, error))
        return FALSE;
      if (i % 10000 == 9999 || i + 1 == n)
        progress (demo, "members", i + 1, n);
    }
  return TRUE;
}

/* --- entry points -------------------------------------------------------------------------- */

void
aisle_demo_options_init (AisleDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);

  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = AISLE_DEMO_DEFAULT_SEED;
  options->n_members = 100000;
  options->n_products = 20000;
  options->now = g_date_time_to_unix (now);
  options->pin_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  options->pin_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

/**
 * aisle_demo_generate:
 * @store: an empty cache, ideally opened with %AISLE_STORE_OPEN_BULK
 * @options: what to generate
 * @stats: (out caller-allocates) (optional): row counts and the time taken
 * @error: return location for a #GError
 *
 * Fills @store in one transaction, so an interrupted run leaves it empty.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_demo_generate (AisleStore              *store,
                     const AisleDemoOptions  *options,
                     AisleDemoStats          *stats,
                     GError                 **error)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) products = NULL;
  g_autofree guint8 *phones_used = NULL;
  g_autofree char *consent_hash = NULL;
  AisleDemoStats local_stats = { 0 };
  Demo demo = { 0 };
  char seed_text[32];
  gboolean ok;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->n_products > 0, FALSE);

  if (sodium_init () < 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED, "libsodium failed to start");
      return FALSE;
    }
  if (options->n_members > 20000000)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "at most 20,000,000 demo members (there are 10^8 mobile numbers)");
      return FALSE;
    }

  products = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_product_free);
  phones_used = g_malloc0 (100000000 / 8);
  consent_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                "Aisle demo privacy policy 2024-01", -1);
  demo.store = store;
  demo.options = options;
  demo.stats = stats != NULL ? stats : &local_stats;
  memset (demo.stats, 0, sizeof *demo.stats);
  demo.products = products;
  demo.phones_used = phones_used;
  demo.consent_hash = consent_hash;
  rng_seed (&demo.rng, options->seed);
  g_snprintf (seed_text, sizeof seed_text, "%" G_GUINT64_FORMAT, options->seed);

  if (!aisle_store_begin (store, error))
    return FALSE;
  ok = generate_stores_and_staff (&demo, error) &&
       generate_products (&demo, error) &&
       generate_members (&demo, error) &&
       aisle_store_set_sync_state (store, "demo.seed", seed_text, error);
  if (!ok || !aisle_store_commit (store, error))
    {
      aisle_store_rollback (store);
      return FALSE;
    }
  demo.stats->seconds = g_timer_elapsed (timer, NULL);
  return TRUE;
}
