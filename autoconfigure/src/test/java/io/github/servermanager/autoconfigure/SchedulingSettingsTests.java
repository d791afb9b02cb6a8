package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.servermanager.core.RebalanceSchedule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduling keys added for offline services and isolation, with their defaults and
 * per-service overrides.
 */
class SchedulingSettingsTests {

	@Test
	void offlineRecheckDefaultsToFiveSeconds() {
		ServerManagerSettings settings = settings(Map.of());
		assertThat(settings.forService("backend").settings().offlineRecheck())
			.isEqualTo(RebalanceSchedule.DEFAULT_OFFLINE_RECHECK)
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.getProperties().getScheduling().getMaxThreads()).isEqualTo(64);
	}

	@Test
	void offlineRecheckHasATopLevelDefaultAndPerServiceOverrides() {
		ServerManagerSettings settings = settings(Map.of("server-manager.offline-recheck", "2s",
				"server-manager.services.backend.offline-recheck", "30s"));
		assertThat(settings.forService("other").settings().offlineRecheck()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.forService("backend").settings().offlineRecheck()).isEqualTo(Duration.ofSeconds(30));
	}

	private static ServerManagerSettings settings(Map<String, String> values) {
		ServerManagerProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bindOrCreate(ServerManagerProperties.PREFIX, ServerManagerProperties.class);
		return new ServerManagerSettings(properties);
	}

}
