/* aisle-camera.h: a GStreamer camera that previews and decodes codes off the main thread.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aisle-scan.h"

G_BEGIN_DECLS

/**
 * AisleCameraState:
 * @AISLE_CAMERA_STOPPED: not running
 * @AISLE_CAMERA_STARTING: the pipeline is starting; no frame yet
 * @AISLE_CAMERA_PLAYING: frames are arriving
 * @AISLE_CAMERA_FAILED: no camera, or it stopped working (see aisle_camera_get_error())
 */
typedef enum
{
  AISLE_CAMERA_STOPPED,
  AISLE_CAMERA_STARTING,
  AISLE_CAMERA_PLAYING,
  AISLE_CAMERA_FAILED,
} AisleCameraState;

#define AISLE_TYPE_CAMERA_STATE (aisle_camera_state_get_type ())
#define AISLE_TYPE_CAMERA (aisle_camera_get_type ())

GType aisle_camera_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AisleCamera, aisle_camera, AISLE, CAMERA, GObject)

AisleCamera      *aisle_camera_new              (void);
const char       *aisle_camera_get_source       (AisleCamera *self);
void              aisle_camera_set_source       (AisleCamera *self,
                                                 const char  *source);
AisleCameraState  aisle_camera_get_state        (AisleCamera *self);
const char       *aisle_camera_get_error        (AisleCamera *self);
GdkTexture       *aisle_camera_get_frame        (AisleCamera *self);
guint             aisle_camera_get_dedup_window (AisleCamera *self);
void              aisle_camera_set_dedup_window (AisleCamera *self,
                                                 guint        msec);
void              aisle_camera_start            (AisleCamera *self);
void              aisle_camera_stop             (AisleCamera *self);

G_END_DECLS
