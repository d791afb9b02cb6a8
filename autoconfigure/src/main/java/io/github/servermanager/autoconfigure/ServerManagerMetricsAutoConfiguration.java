package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ServerManagerMetrics;
import io.github.servermanager.service.ServerManagerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of every managed service, when Micrometer is present and the
 * application has a meter registry. Spring Boot binds the {@link ServerManagerMetrics}
 * bean to that registry.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		ServerManagerAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, ServerManagerRegistry.class })
public class ServerManagerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ServerManagerMetrics serverManagerMetrics(ServerManagerRegistry registry) {
		return new ServerManagerMetrics(registry);
	}

}
