/* test-sync-proxy.c: a TCP proxy between a device and the hub, with faults on demand.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GSocketService on a loopback port. In PASS mode each connection is spliced to the hub; the
 * other modes make the failures a device meets on a shop's network: a peer that hangs up, one
 * that never answers, a reset, a link that is down, and a hub (or a reverse proxy in front of
 * it) that answers 500.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "test-sync-proxy.h"

struct _Proxy
{
  GSocketService *service;
  guint16         port;
  guint16         target;
  ProxyMode       mode;
  GPtrArray      *live;         /* GIOStream: connections to close on proxy_close_all() */
  guint           connections;
  GCancellable   *cancellable;
};

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_splice_finish (result, NULL);
}

/* Runs on its own thread: the device it answers shares the test's main context. */
static gpointer
answer_500 (gpointer data)
{
  g_autoptr(GSocketConnection) conn = data;
  const char *body = "{\"code\":\"unavailable\",\"message\":\"injected by the test proxy\"}";
  g_autofree char *reply = g_strdup_printf ("HTTP/1.1 500 Internal Server Error\r\n"
                                            "Content-Type: application/json\r\n"
                                            "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                            strlen (body), body);
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  char buf[4096];

  /* Read (a part of) the request so the client is not reset while it is still writing. */
  g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return NULL;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *conn,
             GObject           *source,
             Proxy             *proxy)
{
  proxy->connections++;
  switch (proxy->mode)
    {
    case PROXY_PASS:
      {
        g_autoptr(GSocketClient) client = g_socket_client_new ();
        g_autoptr(GSocketConnection) upstream = NULL;

        upstream = g_socket_client_connect_to_host (client, "127.0.0.1", proxy->target, NULL, NULL);
        if (upstream == NULL)
          {
            g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
            break;
          }
        g_ptr_array_add (proxy->live, g_object_ref (conn));
        g_ptr_array_add (proxy->live, g_object_ref (upstream));
        g_io_stream_splice_async (G_IO_STREAM (conn), G_IO_STREAM (upstream),
                                  G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                                  G_PRIORITY_DEFAULT, proxy->cancellable, splice_cb, NULL);
        break;
      }
    case PROXY_CUT:
    case PROXY_DROP:
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
      break;
    case PROXY_STALL:
      g_ptr_array_add (proxy->live, g_object_ref (conn));
      break;
    case PROXY_RESET:
      {
        GSocket *socket = g_socket_connection_get_socket (conn);
        struct linger lg = { 1, 0 };

        setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        g_socket_close (socket, NULL);
        break;
      }
    case PROXY_ERROR_500:
      g_thread_unref (g_thread_new ("proxy-500", answer_500, g_object_ref (conn)));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

Proxy *
proxy_new (guint16 target_port)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  proxy->target = target_port;
  proxy->live = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->cancellable = g_cancellable_new ();
  proxy->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &effective,
                                 &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (proxy->service, "incoming", G_CALLBACK (incoming_cb), proxy);
  g_socket_service_start (proxy->service);
  return proxy;
}

void
proxy_close_all (Proxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_clear_object (&proxy->cancellable);
  proxy->cancellable = g_cancellable_new ();
  for (guint i = 0; i < proxy->live->len; i++)
    g_io_stream_close (g_ptr_array_index (proxy->live, i), NULL, NULL);
  g_ptr_array_set_size (proxy->live, 0);
}

void
proxy_free (Proxy *proxy)
{
  proxy_close_all (proxy);
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_signal_handlers_disconnect_by_data (proxy->service, proxy);
  g_clear_object (&proxy->service);
  g_clear_object (&proxy->cancellable);
  g_ptr_array_unref (proxy->live);
  g_free (proxy);
}

guint16
proxy_get_port (Proxy *proxy)
{
  return proxy->port;
}

guint
proxy_get_connections (Proxy *proxy)
{
  return proxy->connections;
}

void
proxy_set_mode (Proxy     *proxy,
                ProxyMode  mode)
{
  /* A cut link: nothing is accepted, so a connection attempt hangs until the device's timeout
   * (the kernel's backlog holds it), as with a dead Wi-Fi access point. */
  if (mode == PROXY_CUT && proxy->mode != PROXY_CUT)
    g_socket_service_stop (proxy->service);
  else if (mode != PROXY_CUT && proxy->mode == PROXY_CUT)
    g_socket_service_start (proxy->service);
  proxy->mode = mode;
  if (mode != PROXY_PASS)
    proxy_close_all (proxy);
}

void
proxy_set_target (Proxy   *proxy,
                  guint16  target_port)
{
  proxy->target = target_port;
}
