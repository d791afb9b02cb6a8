package io.github.servermanager.sample.traffic;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What one tick of the traffic loop saw.
 *
 * @param tick the tick number, from 1
 * @param servedBy how many calls each backend answered through either client
 * @param restClient how many calls each backend answered through the RestClient
 * @param webClient how many calls each backend answered through the WebClient
 * @param errors how many calls failed for the caller (after any retry)
 * @param failovers how many failed calls have moved the front server away since start, as
 * the server manager counts them; null when the service has no server manager
 * @param offline the local backends that were stopped when the tick ended
 * @param lastServed the backend that answered the last successful call, null if none did
 */
public record TrafficTick(long tick, Map<String, Integer> servedBy, Map<String, Integer> restClient,
		Map<String, Integer> webClient, int errors, @Nullable Long failovers, List<String> offline,
		@Nullable String lastServed) {

	/** Before the first tick. */
	static final TrafficTick NONE = of(0, Map.of(), Map.of(), 0, null, List.of(), null);

	public TrafficTick {
		servedBy = Collections.unmodifiableMap(new TreeMap<>(servedBy));
		restClient = Collections.unmodifiableMap(new TreeMap<>(restClient));
		webClient = Collections.unmodifiableMap(new TreeMap<>(webClient));
		offline = List.copyOf(offline);
	}

	static TrafficTick of(long tick, Map<String, Integer> restClient, Map<String, Integer> webClient, int errors,
			@Nullable Long failovers, List<String> offline, @Nullable String lastServed) {
		Map<String, Integer> servedBy = new TreeMap<>(restClient);
		webClient.forEach((backend, calls) -> servedBy.merge(backend, calls, Integer::sum));
		return new TrafficTick(tick, servedBy, restClient, webClient, errors, failovers, offline, lastServed);
	}

}
