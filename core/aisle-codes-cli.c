/* aisle-codes-cli.c: `aisle-codes`, decode image files and classify scanned text as JSON.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For support staff, tests and benchmarks:
 *   aisle-codes decode [--effort=thorough] IMAGE...   one JSON object per image
 *   aisle-codes classify TEXT...                       one JSON object per text
 *   aisle-codes classify --stdin                       one per input line
 * Exit status: 0 when every input gave a usable result, 1 when one did not (no code found, an
 * unreadable image, an invalid code), 2 on a usage error.
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "aisle-codes.h"
#include "aisle-scan.h"
#include "aisle-scan-image.h"
#include "aisle-scan-private.h"

static gboolean opt_pretty;

static void
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, opt_pretty);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* The parsers' own JSON (aisle_code_to_json(): type, fields, errors, warnings), so every tool
 * prints a code the same way. */
static JsonNode *
code_node (AisleCode *code)
{
  g_autofree char *json = aisle_code_to_json (code);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  if (node == NULL)
    {
      /* Not expected; say so in the output rather than losing the code. */
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, error->message);
    }
  return node;
}

static char *
hex_string (const guint8 *data,
            gsize         length)
{
  GString *s = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

static JsonNode *
result_node (AisleScanResult *result,
             gboolean         classify)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = aisle_scan_result_dup_text (result);
  gsize length = 0;
  const guint8 *data = aisle_scan_result_get_data (result, &length);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "symbology");
  json_builder_add_string_value (builder,
                                 aisle_symbology_to_string (aisle_scan_result_get_symbology (result)));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, (gint64) length);
  if (!g_utf8_validate_len ((const char *) data, length, NULL))
    {
      g_autofree char *hex = hex_string (data, length);
      json_builder_set_member_name (builder, "raw_hex");
      json_builder_add_string_value (builder, hex);
    }
  json_builder_set_member_name (builder, "quality");
  json_builder_add_int_value (builder, aisle_scan_result_get_quality (result));
  json_builder_set_member_name (builder, "pass");
  json_builder_add_string_value (builder, aisle_scan_result_get_pass (result));
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < aisle_scan_result_get_n_points (result); i++)
    {
      int x = 0, y = 0;

      aisle_scan_result_get_point (result, i, &x, &y);
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, x);
      json_builder_add_int_value (builder, y);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  if (classify)
    {
      AisleCodesContext ctx = { 0 };
      g_autoptr(AisleCode) code = NULL;

      ctx.symbology = aisle_scan_result_get_symbology (result);
      code = aisle_codes_classify (data, length, &ctx);
      json_builder_set_member_name (builder, "code");
      json_builder_add_value (builder, code_node (code));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
parse_effort (const char      *name,
              AisleScanEffort *effort)
{
  if (g_strcmp0 (name, "fast") == 0)
    *effort = AISLE_SCAN_EFFORT_FAST;
  else if (g_strcmp0 (name, "frame") == 0)
    *effort = AISLE_SCAN_EFFORT_FRAME;
  else if (name == NULL || g_strcmp0 (name, "thorough") == 0)
    *effort = AISLE_SCAN_EFFORT_THOROUGH;
  else
    return FALSE;
  return TRUE;
}

static int
cmd_decode (int    argc,
            char **argv)
{
  g_autofree char *opt_effort = NULL;
  g_autofree char *opt_passes = NULL;
  gboolean opt_no_classify = FALSE;
  const GOptionEntry entries[] = {
    { "effort", 'e', 0, G_OPTION_ARG_STRING, &opt_effort, "fast, frame or thorough (default)", "EFFORT" },
    { "passes", 0, 0, G_OPTION_ARG_STRING, &opt_passes, "Run exactly these passes (comma-separated), for measurements", "LIST" },
    { "no-classify", 0, 0, G_OPTION_ARG_NONE, &opt_no_classify, "Do not classify the decoded bytes", NULL },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &opt_pretty, "Indent the JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("IMAGE… — decode barcodes and QR codes in image files");
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleScanner) scanner = NULL;
  AisleScanEffort effort;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("aisle-codes decode: %s\n", error->message);
      return 2;
    }
  if (!parse_effort (opt_effort, &effort))
    {
      g_printerr ("aisle-codes decode: unknown effort “%s” (fast, frame, thorough)\n", opt_effort);
      return 2;
    }
  if (argc < 2)
    {
      g_printerr ("aisle-codes decode: give at least one image file\n");
      return 2;
    }

  scanner = aisle_scanner_new ();
  aisle_scanner_set_effort (scanner, effort);
  if (opt_passes != NULL && !_aisle_scanner_set_passes (scanner, opt_passes, &error))
    {
      g_autofree char *known = _aisle_scanner_list_passes ();
      g_printerr ("aisle-codes decode: %s (known: %s)\n", error->message, known);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree guint8 *gray = NULL;
      guint width = 0, height = 0;

      gray = aisle_scan_image_load_gray8 (argv[i], &width, &height, &local_error);
      if (gray != NULL)
        results = aisle_scanner_decode_gray8 (scanner, gray, width, height, width, &local_error);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, argv[i]);
      if (results == NULL)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, local_error->message);
          status = 1;
        }
      else
        {
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, width);
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, height);
          json_builder_set_member_name (builder, "results");
          json_builder_begin_array (builder);
          for (guint j = 0; j < results->len; j++)
            json_builder_add_value (builder, result_node (g_ptr_array_index (results, j),
                                                          !opt_no_classify));
          json_builder_end_array (builder);
          if (results->len == 0)
            status = 1;
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_node (root);
    }
  return status;
}

static gboolean
classify_one (const guint8 *data,
              gsize         length)
{
  g_autoptr(AisleCode) code = aisle_codes_classify (data, length, NULL);
  g_autoptr(JsonNode) node = code_node (code);

  print_node (node);
  return aisle_code_is_valid (code);
}

static int
cmd_classify (int    argc,
              char **argv)
{
  gboolean opt_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &opt_stdin, "Classify each line of standard input", NULL },
    { "pretty", 0, 0, G_OPTION_ARG_NONE, &opt_pretty, "Indent the JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TEXT… — classify scanned text");
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("aisle-codes classify: %s\n", error->message);
      return 2;
    }
  if (opt_stdin == (argc > 1))
    {
      g_printerr ("aisle-codes classify: give either TEXT arguments or --stdin\n");
      return 2;
    }

  if (opt_stdin)
    {
      /* Bytes as they come (a Big5 e-invoice stays Big5), one code per line; CR LF is a line
       * end too, since wedge scanners on other systems send it. */
      g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
      g_autofree char *line = NULL;
      gsize length = 0;
      GIOStatus io;

      g_io_channel_set_encoding (in, NULL, NULL);
      while ((io = g_io_channel_read_line (in, &line, &length, NULL, &error)) == G_IO_STATUS_NORMAL)
        {
          while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
            length--;
          if (length > 0 && !classify_one ((const guint8 *) line, length))
            status = 1;
          g_clear_pointer (&line, g_free);
        }
      if (io == G_IO_STATUS_ERROR)
        {
          g_printerr ("aisle-codes classify: reading standard input: %s\n", error->message);
          return 1;
        }
      return status;
    }

  for (int i = 1; i < argc; i++)
    if (!classify_one ((const guint8 *) argv[i], strlen (argv[i])))
      status = 1;
  return status;
}

static void
usage (void)
{
  g_printerr ("Usage:\n"
              "  aisle-codes decode [--effort=fast|frame|thorough] [--pretty] IMAGE…\n"
              "  aisle-codes classify [--pretty] TEXT…\n"
              "  aisle-codes classify [--pretty] --stdin\n"
              "Run a command with --help for its options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      usage ();
      return 2;
    }
  if (g_str_equal (argv[1], "decode"))
    return cmd_decode (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "classify"))
    return cmd_classify (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage ();
      return 0;
    }
  g_printerr ("aisle-codes: unknown command “%s”\n", argv[1]);
  usage ();
  return 2;
}
