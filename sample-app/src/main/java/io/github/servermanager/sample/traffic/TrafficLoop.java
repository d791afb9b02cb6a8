package io.github.servermanager.sample.traffic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.sample.backend.LocalBackends;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the service {@code backend} through a {@code @LoadBalanced} RestClient and a
 * {@code @LoadBalanced} WebClient, {@code sample.traffic.calls-per-client} times each per
 * tick, and logs one line per tick.
 */
@Component
public class TrafficLoop {

	private static final Logger logger = LoggerFactory.getLogger(TrafficLoop.class);

	private static final String URL = "http://" + LocalBackends.SERVICE_ID + "/";

	private static final Duration WEB_CLIENT_TIMEOUT = Duration.ofSeconds(5);

	private final RestClient restClient;

	private final WebClient webClient;

	private final LocalBackends localBackends;

	private final TrafficProperties properties;

	private final ObjectProvider<ServerManagerRegistry> serverManagers;

	private final AtomicReference<TrafficTick> lastTick = new AtomicReference<>(TrafficTick.NONE);

	TrafficLoop(@LoadBalanced RestClient.Builder restClientBuilder, @LoadBalanced WebClient.Builder webClientBuilder,
			LocalBackends localBackends, TrafficProperties properties,
			ObjectProvider<ServerManagerRegistry> serverManagers) {
		this.restClient = restClientBuilder.build();
		this.webClient = webClientBuilder.build();
		this.localBackends = localBackends;
		this.properties = properties;
		this.serverManagers = serverManagers;
	}

	/**
	 * The most recent tick; before the first one, a tick numbered 0 with no calls.
	 * @return the last tick
	 */
	public TrafficTick lastTick() {
		return this.lastTick.get();
	}

	@Scheduled(initialDelayString = "${sample.traffic.interval:1s}", fixedRateString = "${sample.traffic.interval:1s}")
	void tick() {
		TrafficTick previous = this.lastTick.get();
		Calls rest = new Calls();
		Calls web = new Calls();
		for (int i = 0; i < this.properties.getCallsPerClient(); i++) {
			rest.call(() -> this.restClient.get().uri(URL).retrieve().body(String.class));
			web.call(() -> this.webClient.get().uri(URL).retrieve().bodyToMono(String.class).block(WEB_CLIENT_TIMEOUT));
		}
		List<String> offline = this.localBackends.offline();
		String lastServed = (web.lastServed != null) ? web.lastServed : rest.lastServed;
		TrafficTick current = TrafficTick.of(previous.tick() + 1, rest.servedBy, web.servedBy, rest.errors + web.errors,
				failovers(), offline, lastServed);
		this.lastTick.set(current);
		logger.info(TrafficLine.describe(previous, current));
	}

	/**
	 * The server manager's failover count, absent when the starter is switched off
	 * ({@code server-manager.enabled=false}) or the service opted out.
	 */
	private @Nullable Long failovers() {
		ServerManagerRegistry registry = this.serverManagers.getIfAvailable();
		if (registry == null) {
			return null;
		}
		return registry.find(LocalBackends.SERVICE_ID).map(ManagedService::failovers).orElse(null);
	}

	/** The outcome of one client's calls in one tick. */
	private static final class Calls {

		private final Map<String, Integer> servedBy = new HashMap<>();

		private int errors;

		private @Nullable String lastServed;

		void call(Supplier<@Nullable String> call) {
			try {
				String backend = call.get();
				String name = (backend != null) ? backend : "(empty answer)";
				this.servedBy.merge(name, 1, Integer::sum);
				this.lastServed = name;
			}
			catch (RuntimeException ex) {
				this.errors++;
				logger.debug("Call to {} failed", URL, ex);
			}
		}

	}

}
