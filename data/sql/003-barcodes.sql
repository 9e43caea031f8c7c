-- 003-barcodes.sql: product barcodes are stored by their GTIN-13.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A valid EAN-13, EAN-8, UPC-A or UPC-E is stored as the GTIN-13 core/aisle-codes reports for
-- it (aisle_barcode_to_gtin13() in core/aisle-model.c), so any printed form of a code finds
-- its product. The table keeps its shape; the C hook after this file rewrites the existing
-- keys (the check digit and the UPC-E expansion need C), keeping the first row where two
-- forms of one code were both stored.

SELECT 1;
