package io.github.servermanager.integration.kubernetes;

import java.io.IOException;
import java.util.List;

import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.github.servermanager.testsupport.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter with Spring Cloud Kubernetes in {@code SERVICE} mode: the load balancer of
 * a service is given one instance, the service's cluster address
 * ({@code <service>.<namespace>.svc.cluster.local} and the Service's port), by Spring
 * Cloud Kubernetes' own supplier, and Kubernetes (kube-proxy) spreads the connections
 * over the pods. There is nothing for a server manager to order, and the starter stays
 * out of the way.
 * <p>
 * The cluster address has to resolve for a request to reach it: the tests' JVM takes its
 * names from a hosts file ({@code -Djdk.net.hosts.file}, see the pom) that puts the
 * service's cluster name on loopback, as the cluster's DNS would put it on the Service's
 * cluster IP. Behind it, a backend named {@value #CLUSTER_ADDRESS} plays kube-proxy: the
 * Service's port is its port.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesServiceModeTests {

	private static final String SERVICE = "backend";

	private static final String CLUSTER_ADDRESS = "cluster-address";

	private static KubernetesMockCluster cluster;

	private static Backend clusterAddress;

	private static List<Backend> pods;

	private static KubernetesClientApplication client;

	/**
	 * Starts everything once; the service's load balancer starts with its first request.
	 */
	@BeforeAll
	static void startApiServerServiceAndClient() throws IOException {
		cluster = KubernetesMockCluster.start();
		clusterAddress = Backend.start(CLUSTER_ADDRESS);
		pods = List.of(Backend.start(SERVICE + "-1"), Backend.start(SERVICE + "-2"));
		cluster.createService(SERVICE, clusterAddress.port(), pods);
		client = KubernetesClientApplication.start(cluster, "SERVICE");
	}

	@AfterAll
	static void stopClientApiServerAndService() throws IOException {
		if (client != null) {
			client.close();
		}
		if (cluster != null) {
			cluster.close();
		}
		if (clusterAddress != null) {
			clusterAddress.stop();
		}
		if (pods != null) {
			pods.forEach(Backend::stop);
		}
	}

	@Test
	void servesTheServiceClusterAddressThroughSpringCloudKubernetesOwnSupplierAndSaysSo(CapturedOutput output) {
		List<ServiceInstance> instances = client.instances(SERVICE);

		assertThat(instances).singleElement().satisfies((instance) -> {
			assertThat(instance.getHost())
				.isEqualTo(SERVICE + "." + KubernetesMockCluster.NAMESPACE + ".svc.cluster.local");
			assertThat(instance.getPort()).isEqualTo(clusterAddress.port());
		});
		assertThat(client.supplierChain(SERVICE)).doesNotContain(ServerManagerServiceInstanceListSupplier.class);
		assertThat(client.call(SERVICE)).isEqualTo(CLUSTER_ADDRESS);
		assertThat(client.call(SERVICE)).isEqualTo(CLUSTER_ADDRESS);
		assertThat(client.managed(SERVICE)).isEmpty();
		assertThat(pods).allSatisfy((pod) -> assertThat(pod.requests()).isZero());
		// The service's load balancer started in this test, with its first request.
		assertThat(output).containsOnlyOnce("Service '" + SERVICE + "' is not managed by server-manager");
	}

}
