/**
 * The mapping engine: a mapping is data ({@link io.tillbridge.connector.mapping.MappingSpec}, JSON),
 * compiled once per version by {@link io.tillbridge.connector.mapping.MappingCompiler} into an
 * immutable {@link io.tillbridge.connector.mapping.CompiledMapping} that turns one source record
 * (the value model of {@link io.tillbridge.connector.spi.SourceRecord}) into output records or
 * per-field errors, never an exception. Field rules, money, business days, value maps, bounded CEL
 * expressions, flatten/filter/aggregate steps, save-time validation and field suggestions. Pure
 * functions: no I/O.
 */
package io.tillbridge.connector.mapping;
