/**
 * The Clover connector ({@link io.tillbridge.connector.clover.CloverConnector}, id {@code clover}):
 * reads one merchant's orders, payments, refunds, items and devices through Clover's REST API v3,
 * also as the canonical POS streams, writes item stock, receives Clover's webhooks and connects
 * through Clover's OAuth v2 (DD-027). The sandbox that stands in for Clover is in
 * {@code io.tillbridge.connector.clover.sandbox}.
 */
package io.tillbridge.connector.clover;
