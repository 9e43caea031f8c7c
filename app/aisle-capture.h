/* aisle-capture.h: screenshot and startup-benchmark modes of the real window.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AISLE_SCREENSHOT=FILE.png  render the window with GTK's own renderer once its data is shown,
 *                            save it and quit (`./run shot`). AISLE_SEARCH=text types a query
 *                            first; AISLE_SCREENSHOT_SIZE=WxH sets the window size;
 *                            AISLE_SCREENSHOT_PAGE=scan shows the scan page once its camera
 *                            (GSettings `camera-pipeline`) has read a code or failed.
 * AISLE_BENCH_STARTUP=1      print when the first frame was painted and when the cache was open
 *                            and drawn, with VmRSS/VmHWM, then quit (bench/bench-startup.sh).
 */

#pragma once

#include "aisle-window.h"

G_BEGIN_DECLS

void      aisle_capture_mark_process_start (void);
gboolean  aisle_capture_requested          (void);
void      aisle_capture_prepare_window     (AisleWindow *window);
void      aisle_capture_attach             (AisleWindow *window);
gboolean  aisle_capture_save_png           (GtkWidget   *widget,
                                            const char  *path,
                                            GError     **error);

G_END_DECLS
