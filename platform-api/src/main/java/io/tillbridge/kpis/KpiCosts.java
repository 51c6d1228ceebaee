package io.tillbridge.kpis;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The platform's cost of compute, which the cost per 1,000 records is computed from:
 * {@value #CPU_HOUR_COST} (default {@value #DEFAULT_CPU_HOUR_COST}, about what an hour of one vCPU of
 * a general-purpose cloud machine costs on demand) in {@value #COST_CURRENCY} (default
 * {@value #DEFAULT_COST_CURRENCY}, an ISO 4217 code; the platform operator's currency, which may
 * differ from a tenant's). Checked at start-up: a negative cost or a malformed currency stops the
 * process with a message naming the setting.
 */
@Context
public class KpiCosts {

    public static final String CPU_HOUR_COST = "tillbridge.kpi.cpu-hour-cost";
    public static final String DEFAULT_CPU_HOUR_COST = "0.05";
    public static final String COST_CURRENCY = "tillbridge.kpi.cost-currency";
    public static final String DEFAULT_COST_CURRENCY = "USD";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final BigDecimal cpuHourCost;
    private final String currency;

    public KpiCosts(@Value("${" + CPU_HOUR_COST + ":" + DEFAULT_CPU_HOUR_COST + "}") BigDecimal cpuHourCost,
            @Value("${" + COST_CURRENCY + ":" + DEFAULT_COST_CURRENCY + "}") String currency) {
        if (cpuHourCost == null || cpuHourCost.signum() < 0) {
            throw new IllegalArgumentException(CPU_HOUR_COST + " must be zero or more");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(COST_CURRENCY + " must be an ISO 4217 code such as USD");
        }
        this.cpuHourCost = cpuHourCost;
        this.currency = currency;
    }

    /** What one CPU-hour costs. */
    public BigDecimal cpuHourCost() {
        return cpuHourCost;
    }

    /** The currency of {@link #cpuHourCost()}. */
    public String currency() {
        return currency;
    }
}
