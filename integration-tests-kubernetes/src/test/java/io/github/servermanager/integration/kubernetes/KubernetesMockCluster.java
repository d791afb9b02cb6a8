package io.github.servermanager.integration.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.servermanager.testsupport.Backend;

/**
 * fabric8's mock Kubernetes API server in CRUD mode, on a random loopback port: it keeps
 * the objects it is sent and serves lists and watches of them as a real API server does,
 * so Spring Cloud Kubernetes' informers and catalog watch run against it unchanged.
 * <p>
 * A service here is what {@code kubectl apply} of a Deployment and its Service would
 * leave in the cluster: a {@link Service} named after the service id, and its
 * {@link Endpoints}, whose addresses are the pods that are ready. Each pod is a real
 * loopback {@link Backend}; its endpoint address is {@code 127.0.0.1} and the backend's
 * port.
 */
final class KubernetesMockCluster implements AutoCloseable {

	/** The namespace the client application runs in and discovers services in. */
	static final String NAMESPACE = "apps";

	private final KubernetesMockServer server;

	private final KubernetesClient client;

	private final Map<String, List<Backend>> pods = new HashMap<>();

	private KubernetesMockCluster(KubernetesMockServer server) {
		this.server = server;
		this.client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder().withMasterUrl(masterUrl()).withNamespace(NAMESPACE).build())
			.build();
	}

	static KubernetesMockCluster start() {
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(), false);
		server.init(InetAddress.getLoopbackAddress(), 0);
		KubernetesMockCluster cluster = new KubernetesMockCluster(server);
		cluster.client.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
			.create();
		return cluster;
	}

	/**
	 * Where the API server listens, as {@code spring.cloud.kubernetes.client.master-url}
	 * takes it.
	 * @return the URL
	 */
	String masterUrl() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	/**
	 * Creates a service whose pods are the given backends. Its one port, named
	 * {@code http}, is {@code servicePort}: the port of its cluster address, which only a
	 * client in {@code SERVICE} mode uses.
	 * @param serviceId the service's name
	 * @param servicePort the port of the service's cluster address
	 * @param backends its pods
	 */
	void createService(String serviceId, int servicePort, List<Backend> backends) {
		Service service = new ServiceBuilder().withNewMetadata()
			.withName(serviceId)
			.withNamespace(NAMESPACE)
			.addToLabels("app", serviceId)
			.endMetadata()
			.withNewSpec()
			.withType("ClusterIP")
			.addToSelector("app", serviceId)
			.addNewPort()
			.withName("http")
			.withProtocol("TCP")
			.withPort(servicePort)
			.endPort()
			.endSpec()
			.build();
		this.client.services().inNamespace(NAMESPACE).resource(service).create();
		this.pods.put(serviceId, new ArrayList<>(backends));
		this.client.endpoints().inNamespace(NAMESPACE).resource(endpoints(serviceId)).create();
	}

	/**
	 * Adds a pod to a service's endpoints, as Kubernetes does once a new pod is ready.
	 * @param serviceId the service
	 * @param backend the pod
	 */
	void addPod(String serviceId, Backend backend) {
		this.pods.get(serviceId).add(backend);
		publishEndpoints(serviceId);
	}

	/**
	 * Removes a pod from a service's endpoints, as Kubernetes does when a pod is deleted
	 * or stops being ready.
	 * @param serviceId the service
	 * @param backend the pod
	 */
	void removePod(String serviceId, Backend backend) {
		this.pods.get(serviceId).remove(backend);
		publishEndpoints(serviceId);
	}

	/**
	 * Deletes a service and its endpoints.
	 * @param serviceId the service
	 */
	void deleteService(String serviceId) {
		this.client.endpoints().inNamespace(NAMESPACE).withName(serviceId).delete();
		this.client.services().inNamespace(NAMESPACE).withName(serviceId).delete();
		this.pods.remove(serviceId);
	}

	private void publishEndpoints(String serviceId) {
		this.client.endpoints().inNamespace(NAMESPACE).resource(endpoints(serviceId)).update();
	}

	/**
	 * The service's endpoints, one subset per pod. A real API server groups the addresses
	 * that share their ports in one subset; here every pod has a port of its own, as
	 * loopback backends must, and each subset's port a name of its own (Spring Cloud
	 * Kubernetes collects the ports of all subsets by name).
	 */
	private Endpoints endpoints(String serviceId) {
		List<EndpointSubset> subsets = this.pods.get(serviceId)
			.stream()
			.map((backend) -> new EndpointSubsetBuilder().addNewAddress()
				.withIp("127.0.0.1")
				// The catalog watch follows the target references of the addresses: a
				// pod's
				// name and namespace. The discovery client takes the uid for the instance
				// id.
				.withNewTargetRef()
				.withKind("Pod")
				.withNamespace(NAMESPACE)
				.withName(backend.name())
				.withUid(backend.name())
				.endTargetRef()
				.endAddress()
				.addNewPort()
				.withName("http-" + backend.name())
				.withProtocol("TCP")
				.withPort(backend.port())
				.endPort()
				.build())
			.toList();
		return new EndpointsBuilder().withNewMetadata()
			.withName(serviceId)
			.withNamespace(NAMESPACE)
			.addToLabels("app", serviceId)
			.endMetadata()
			.withSubsets(subsets)
			.build();
	}

	@Override
	public void close() throws IOException {
		this.client.close();
		this.server.destroy();
	}

}
