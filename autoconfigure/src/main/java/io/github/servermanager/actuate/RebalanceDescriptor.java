package io.github.servermanager.actuate;

import java.util.Locale;

import io.github.servermanager.service.RebalanceRecord;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The last rebalance of a service, as the endpoint shows it.
 *
 * @param at when it ended, ISO-8601
 * @param outcome {@code healthy}, {@code offline} or {@code frozen}
 * @param server the server that answered its ping and went in front, {@code null} when
 * none answered
 * @param pings how many pings it sent
 */
public record RebalanceDescriptor(String at, String outcome, @Nullable String server, int pings) {

	static @Nullable RebalanceDescriptor of(@Nullable RebalanceRecord record) {
		if (record == null) {
			return null;
		}
		ServiceInstance chosen = record.chosen();
		return new RebalanceDescriptor(IsoStrings.of(record.when()), record.outcome().name().toLowerCase(Locale.ROOT),
				(chosen != null) ? ServiceInstanceKeys.keyOf(chosen) : null, record.pings());
	}

}
