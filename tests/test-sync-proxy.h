/* test-sync-proxy.h: a TCP proxy between a device and the hub, with faults on demand.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PROXY_PASS,      /* forward both ways */
  PROXY_DROP,      /* accept, then close at once */
  PROXY_STALL,     /* accept, read, never answer */
  PROXY_RESET,     /* accept, then reset the connection (RST) */
  PROXY_CUT,       /* refuse connections: the link is down */
  PROXY_ERROR_500, /* answer every request with 500 and a JSON error body */
} ProxyMode;

typedef struct _Proxy Proxy;

/* Runs on the thread-default main context of the caller. */
Proxy      *proxy_new        (guint16     target_port);
void        proxy_free       (Proxy      *proxy);
guint16     proxy_get_port   (Proxy      *proxy);
void        proxy_set_mode   (Proxy      *proxy,
                              ProxyMode   mode);
void        proxy_set_target (Proxy      *proxy,
                              guint16     target_port);
/* Closes every connection in flight (a stalled one, a forwarded one). */
void        proxy_close_all  (Proxy      *proxy);
guint       proxy_get_connections (Proxy *proxy);

G_END_DECLS
