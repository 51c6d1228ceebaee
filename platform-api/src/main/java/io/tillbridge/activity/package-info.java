/**
 * When source data was created, per integration and vendor location: freshness for health, hourly
 * activity for the "data stopped arriving" rule and the ROI dashboard's per-location figures.
 */
package io.tillbridge.activity;
