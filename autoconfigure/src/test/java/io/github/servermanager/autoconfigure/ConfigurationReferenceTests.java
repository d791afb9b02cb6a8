package io.github.servermanager.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference, {@code docs/configuration.md}, lists exactly the keys of
 * the starter's configuration metadata, each with the scope it really has, and the user
 * documentation names no key that does not exist.
 */
class ConfigurationReferenceTests {

	private static final String METADATA = "/META-INF/spring-configuration-metadata.json";

	/** A row of a Markdown table whose first cell is one key in backticks. */
	private static final Pattern TABLE_ROW = Pattern
		.compile("^\\|\\s*`((?:server-manager|management)\\.[^`]+)`\\s*\\|(.*)$");

	/** The header of a table of keys. */
	private static final Pattern KEY_TABLE_HEADER = Pattern
		.compile("^\\|\\s*key\\s*\\|\\s*default\\s*\\|\\s*scope\\s*\\|\\s*meaning\\s*\\|\\s*$");

	/**
	 * A key as written in prose: {@code server-manager.} and what follows up to the first
	 * character no key has. The per-service forms ({@code services.<id>.} and
	 * {@code services.[My.Service].}) are matched whole, so that they can be mapped to
	 * the key they set.
	 */
	private static final Pattern KEY_IN_TEXT = Pattern
		.compile("server-manager\\.(?:services\\.(?:\\[[^\\]]*\\]|<[^>]*>|[a-z0-9-]+)\\.)?[a-z0-9.-]*[a-z0-9]");

	/** Keys that existed once and must not come back in the documentation. */
	private static final List<String> REMOVED_KEYS = List.of("tick", "jitter-fraction", "rebalance-spread",
			"rearm-on-membership-change", "cluster-size-refresh", "offline-recheck", "scheduling.max-threads",
			"ping-through-client", "close-idle-connections", "idle-connection-grace",
			"jdk-http-client.keep-alive-timeout");

	private static Set<String> metadataKeys;

	private static Map<String, String> referenceRows;

	@BeforeAll
	static void read() throws IOException {
		metadataKeys = metadataKeys();
		referenceRows = referenceRows(read(docs().resolve("configuration.md")));
	}

	@Test
	void everyKeyOfTheMetadataIsInTheReferenceTable() {
		assertThat(metadataKeys).as("keys of %s", METADATA).isNotEmpty();
		assertThat(referenceRows.keySet()).as("keys in the tables of docs/configuration.md").containsAll(metadataKeys);
	}

	@Test
	void everyKeyOfTheReferenceTableIsInTheMetadata() {
		assertThat(metadataKeys).as("keys of %s", METADATA).containsAll(referenceRows.keySet());
	}

	@Test
	void everyKeyOfAServiceIsMarkedPerServiceAndNoOtherIs() {
		Set<String> perService = perServiceKeys();
		assertThat(perService).as("keys of ServiceProperties").contains("server-manager.min-reuse");
		referenceRows.forEach((key, cells) -> {
			String[] cell = cells.split("\\|");
			assertThat(cell).as("cells of the row of %s", key).hasSizeGreaterThanOrEqualTo(3);
			String scope = cell[1];
			if (perService.contains(key)) {
				assertThat(scope).as("scope of %s", key).contains("global").contains("per service");
			}
			else {
				assertThat(scope).as("scope of %s", key).doesNotContain("per service");
			}
		});
	}

	@Test
	void theUserDocumentationNamesOnlyKeysThatExist() throws IOException {
		for (Path page : userPages()) {
			String text = read(page);
			Matcher keys = KEY_IN_TEXT.matcher(text);
			while (keys.find()) {
				assertThat(exists(asMetadataKey(keys.group()))).as("key '%s' named in %s exists", keys.group(), page)
					.isTrue();
			}
			for (String removed : REMOVED_KEYS) {
				assertThat(text).as("%s names the removed key %s", page, removed)
					.doesNotContain("`" + removed + "`")
					.doesNotContain("`" + removed + ":")
					.doesNotContain("`" + removed + "=")
					.doesNotContain("server-manager." + removed);
			}
		}
	}

	/**
	 * Maps a key as written to the key it sets: a service's entry
	 * ({@code server-manager.services.<id>.ping}) sets the key of the same name.
	 */
	private static String asMetadataKey(String written) {
		return written.replaceFirst("^server-manager\\.services\\.(\\[[^\\]]*\\]|<[^>]*>|[a-z0-9-]+)\\.",
				"server-manager.");
	}

	/**
	 * A key of the metadata, or the prefix of a group of them such as {@code endpoint}.
	 */
	private static boolean exists(String key) {
		return metadataKeys.contains(key) || metadataKeys.stream().anyMatch((known) -> known.startsWith(key + "."));
	}

	/** Every key a service's entry may set, from the properties of a service. */
	private static Set<String> perServiceKeys() {
		Set<String> keys = new TreeSet<>();
		for (Field field : ServiceProperties.class.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				keys.add(ServerManagerProperties.PREFIX + "." + kebab(field.getName()));
			}
		}
		return keys;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> metadataKeys() throws IOException {
		try (InputStream in = ConfigurationReferenceTests.class.getResourceAsStream(METADATA)) {
			assertThat(in).as(METADATA + " on the class path").isNotNull();
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
			Set<String> keys = new TreeSet<>();
			for (Map<String, Object> property : properties) {
				keys.add((String) property.get("name"));
			}
			return keys;
		}
	}

	/**
	 * The rows of the reference's key tables, those whose header reads
	 * {@code | key | default | scope | meaning |}, by key: the rest of the row after the
	 * key. Other tables, such as the instance metadata the pings read, are not keys.
	 */
	private static Map<String, String> referenceRows(String markdown) {
		Map<String, String> rows = new LinkedHashMap<>();
		boolean keyTable = false;
		for (String line : markdown.split("\\R")) {
			if (!line.startsWith("|")) {
				keyTable = false;
				continue;
			}
			if (KEY_TABLE_HEADER.matcher(line).matches()) {
				keyTable = true;
				continue;
			}
			Matcher row = TABLE_ROW.matcher(line);
			if (keyTable && row.matches()) {
				String previous = rows.put(row.group(1), row.group(2));
				assertThat(previous).as("second row for %s", row.group(1)).isNull();
			}
		}
		assertThat(rows).as("rows of the key tables of docs/configuration.md").isNotEmpty();
		return rows;
	}

	/**
	 * The pages a user reads: the README, the contributors' guide and every page of
	 * {@code docs/} but the architecture notes, which describe the code rather than its
	 * configuration.
	 */
	private static List<Path> userPages() throws IOException {
		Path root = docs().getParent();
		List<Path> pages = new ArrayList<>();
		pages.add(root.resolve("README.md"));
		if (Files.exists(root.resolve("CONTRIBUTING.md"))) {
			pages.add(root.resolve("CONTRIBUTING.md"));
		}
		try (Stream<Path> files = Files.list(docs())) {
			files.filter((file) -> file.getFileName().toString().endsWith(".md"))
				.filter((file) -> !file.getFileName().toString().equals("architecture.md"))
				.sorted()
				.forEach(pages::add);
		}
		return pages;
	}

	/**
	 * Finds {@code docs/} from the working directory: surefire runs in the module
	 * directory, an IDE may run in the repository's root.
	 */
	private static Path docs() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			Path docs = directory.resolve("docs");
			if (Files.isRegularFile(docs.resolve("configuration.md"))) {
				return docs;
			}
			directory = directory.getParent();
		}
		Path expected = Path.of("..", "docs", "configuration.md").toAbsolutePath().normalize();
		throw new IllegalStateException("No docs/configuration.md above the working directory, expected " + expected);
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
