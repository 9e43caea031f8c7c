/* placeholder: being written */
#include "config.h"
#include "aisle-test.h"
int
main (int argc, char *argv[])
{
  aisle_test_init (&argc, &argv);
  return g_test_run ();
}
