/* bench-keys.h: real key presses through the X server, for the tablet benchmark.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _BenchKeys BenchKeys;

BenchKeys  *bench_keys_open    (GtkWindow  *window,
                                char      **why_not);
void        bench_keys_type    (BenchKeys  *keys,
                                gunichar    c);
void        bench_keys_free    (BenchKeys  *keys);

G_END_DECLS
