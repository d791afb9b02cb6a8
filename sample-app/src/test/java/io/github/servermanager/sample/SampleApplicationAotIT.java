package io.github.servermanager.sample;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check of {@link SampleApplicationIT} again, on the packaged jar started with
 * {@code -Dspring.aot.enabled=true}: the bean definitions Spring AOT generated at build
 * time (the {@code process-aot} goal) replace the ones Spring would find by reflection,
 * the {@code backend} LoadBalancer child context included. Plus what only AOT adds: the
 * generated native-image metadata carries the starter's runtime hints.
 */
class SampleApplicationAotIT extends SampleApplicationIT {

	@Override
	List<String> jvmOptions() {
		return List.of("-Dspring.aot.enabled=true");
	}

	@Test
	@Order(0)
	void runsTheCodeSpringAotGenerated() {
		assertThat(this.sample.output()).contains("Starting AOT-processed SampleApplication");
	}

	@Test
	@Order(6)
	void answersAnUnknownOperationWith400AndTheValidOnes() throws Exception {
		HttpResponse<String> response = this.sample.postJson("/actuator/servermanager/backend",
				"{\"operation\":\"explode\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JsonPath.<List<String>>read(response.body(), "$.validOperations")).containsExactly("rebalance",
				"rotate");
	}

	@Test
	void theNativeImageMetadataCarriesTheStartersHints() throws Exception {
		Path metadata = Path.of(System.getProperty("sample.aot.metadata"));
		assertThat(metadata).as("metadata written by process-aot").exists();

		String hints = Files.readString(metadata);

		assertThat(hints).contains("io.github.servermanager.actuate.InvalidOperationDescriptor",
				"io.github.servermanager.actuate.ServiceDescriptor",
				"io.github.servermanager.autoconfigure.ServiceProperties");
	}

}
