package io.github.servermanager.actuate;

import java.util.Locale;

import io.github.servermanager.service.FailureRecord;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import org.jspecify.annotations.Nullable;

/**
 * The last failed request of a service, as the endpoint shows it.
 *
 * @param at when it was reported, ISO-8601
 * @param server the server that handled the request
 * @param reason {@code exception} or {@code status}
 * @param detail the exception's class name, or the HTTP status code
 */
public record FailureDescriptor(String at, String server, String reason, String detail) {

	static @Nullable FailureDescriptor of(@Nullable FailureRecord record) {
		if (record == null) {
			return null;
		}
		return new FailureDescriptor(IsoStrings.of(record.when()), ServiceInstanceKeys.keyOf(record.instance()),
				record.reason().name().toLowerCase(Locale.ROOT), record.detail());
	}

}
