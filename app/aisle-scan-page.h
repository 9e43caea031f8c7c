/* aisle-scan-page.h: scan with the camera or type a code, and see what it is (staff tablet).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-camera.h"
#include "aisle-codes.h"

G_BEGIN_DECLS

/**
 * AisleScanSource:
 * @AISLE_SCAN_SOURCE_CAMERA: decoded from the camera
 * @AISLE_SCAN_SOURCE_WEDGE: typed by a keyboard-wedge (USB) scanner
 * @AISLE_SCAN_SOURCE_MANUAL: typed by a person into the scan page
 */
typedef enum
{
  AISLE_SCAN_SOURCE_CAMERA,
  AISLE_SCAN_SOURCE_WEDGE,
  AISLE_SCAN_SOURCE_MANUAL,
} AisleScanSource;

#define AISLE_TYPE_SCAN_SOURCE (aisle_scan_source_get_type ())
#define AISLE_TYPE_SCAN_PAGE (aisle_scan_page_get_type ())

GType aisle_scan_source_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AisleScanPage, aisle_scan_page, AISLE, SCAN_PAGE, GtkWidget)

GtkWidget    *aisle_scan_page_new        (void);
void          aisle_scan_page_set_settings (AisleScanPage *self,
                                            GSettings     *settings);
AisleCamera  *aisle_scan_page_get_camera (AisleScanPage   *self);
AisleCode    *aisle_scan_page_get_code   (AisleScanPage   *self);
void          aisle_scan_page_show_code  (AisleScanPage   *self,
                                          AisleCode       *code,
                                          AisleScanSource  source);

G_END_DECLS
