/**
 * The canonical POS model: what every POS connector emits besides its vendor streams, so that
 * mappings, templates and accounting flows are written once for every POS (see
 * {@code docs/pos-model.md}).
 *
 * <p>Streams: {@link PosStreams#ORDERS}, {@link PosStreams#PAYMENTS}, {@link PosStreams#REFUNDS},
 * {@link PosStreams#LOCATIONS}, {@link PosStreams#ITEMS} and {@link PosStreams#INVENTORY}. Each
 * record's data is the record's {@code toData()}: the SPI value model (maps, lists, strings,
 * {@link java.math.BigDecimal}, booleans), with snake_case field names. Money is a decimal in the
 * order's currency with exactly the currency's digits (USD 12.30, JPY 1230, BHD 1.234): never minor
 * units, never a float.
 */
package io.tillbridge.connector.pos;
