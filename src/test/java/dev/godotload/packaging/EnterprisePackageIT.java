package dev.godotload.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Gatling Enterprise package. Built as docs/enterprise.md says ({@code -f enterprise
 * gatling:enterprisePackage}, with the Maven running this build), it must hold the simulations and
 * everything they run on that Gatling does not bring, and nothing of the unit tests.
 *
 * <p>{@code -Dgodotload.enterprisePackage=JAR -Dgodotload.enterprisePackage.build=false} checks a
 * package built elsewhere instead.
 */
class EnterprisePackageIT {
    private static final Path BASE = Path.of("").toAbsolutePath(); // failsafe runs in the project directory
    /** Where the test-only libraries (and what they bring) put their classes. */
    private static final List<String> TEST_LIBRARIES = List.of("org/junit/", "junit/", "org/opentest4j/",
            "org/apiguardian/", "net/jqwik/", "org/openjdk/jmh/", "org/assertj/", "net/bytebuddy/", "joptsimple/",
            "org/apache/commons/math3/", "META-INF/services/org.junit.", "META-INF/services/net.jqwik.",
            "META-INF/BenchmarkList");
    /** The same libraries by their place in the local Maven repository, and the one library the package ships. */
    private static final List<String> NOT_FROM_GATLING = List.of("/org/junit/", "/org/opentest4j/",
            "/org/apiguardian/", "/net/jqwik/", "/org/openjdk/jmh/", "/org/assertj/", "/net/bytebuddy/",
            "/net/sf/jopt-simple/", "/org/apache/commons/commons-math3/", "/org/xerial/");

    private static Path pkg;
    private static Set<String> entries;
    private static Attributes manifest;

    @BeforeAll
    static void buildAndOpen() throws Exception {
        pkg = Path.of(System.getProperty("godotload.enterprisePackage",
                "target/enterprise/godot-load-simulations-0.1.0-SNAPSHOT-shaded.jar")).toAbsolutePath();
        if (Boolean.parseBoolean(System.getProperty("godotload.enterprisePackage.build", "true"))) {
            build();
        }
        assertThat(pkg).isRegularFile();
        try (JarFile jar = new JarFile(pkg.toFile())) {
            entries = jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Manifest m = jar.getManifest();
            assertThat(m).as("the package's manifest").isNotNull();
            manifest = m.getMainAttributes();
        }
        System.out.printf("%s: %d bytes, %d files%n", pkg.getFileName(), Files.size(pkg), entries.size());
    }

    /** {@code mvn -B -f enterprise gatling:enterprisePackage}, as the outer build runs (repository, offline). */
    private static void build() throws Exception {
        Files.deleteIfExists(pkg);
        String mavenHome = System.getProperty("godotload.maven.home", "");
        List<String> cmd = new ArrayList<>();
        cmd.add(mavenHome.isBlank() ? BASE.resolve("mvnw").toString()
                : Path.of(mavenHome, "bin", File.separatorChar == '\\' ? "mvn.cmd" : "mvn").toString());
        cmd.addAll(List.of("-B", "-f", BASE.resolve("enterprise").toString()));
        String repo = System.getProperty("godotload.maven.repoLocal", "");
        if (!repo.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + repo);
        }
        if (System.getProperty("godotload.maven.offline", "").endsWith("=true")) { // settings.offline=true
            cmd.add("-o");
        }
        cmd.add("gatling:enterprisePackage");

        Path log = BASE.resolve("target/enterprise-package-build.log");
        System.out.println("building the Enterprise package: " + String.join(" ", cmd) + " > " + log);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(BASE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try {
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("%s finished within 10 minutes", cmd).isTrue();
            assertThat(p.exitValue()).as("%s failed; the end of %s:%n%s", cmd, log, tail(log, 40)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void holdsTheSimulations() throws IOException {
        List<String> simulations = classesOf(BASE.resolve("user-files/simulations"));
        assertThat(simulations).contains("dev/godotload/simulations/ChatStressSimulation.class",
                "dev/godotload/simulations/PropCollaborationSimulation.class");
        assertThat(missing(simulations)).as("simulations missing from the package").isEmpty();
        assertThat(manifest.getValue("Gatling-Simulations").split(",")).containsExactlyInAnyOrder(
                simulations.stream().map(c -> c.replace('/', '.').replaceAll("\\.class$", "")).toArray(String[]::new));
    }

    @Test
    void holdsEveryMainClassAndResource() throws IOException {
        List<String> main = filesUnder(BASE.resolve("target/classes"));
        assertThat(main).contains("dev/godotload/gatling/Godot.class", "godot-contract.json");
        assertThat(missing(main)).as("main classes and resources missing from the package").isEmpty();
    }

    @Test
    void holdsTheSimulationResources() throws IOException {
        List<String> resources = filesUnder(BASE.resolve("user-files/resources"));
        assertThat(resources).contains("godot-contract.json", "chat-words.csv", "prop-catalog.csv", "gatling.conf",
                "logback-test.xml");
        assertThat(missing(resources)).as("simulation resources missing from the package").isEmpty();
    }

    /** The one compile dependency Gatling does not bring; load generators run Linux. */
    @Test
    void holdsSqliteWithItsLinuxLibrary() {
        assertThat(entries).contains("org/sqlite/JDBC.class", "META-INF/services/java.sql.Driver",
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
    }

    @Test
    void leavesOutTheTestLibraries() {
        assertThat(entries.stream().filter(e -> TEST_LIBRARIES.stream().anyMatch(e::startsWith)).limit(10))
                .as("JUnit, jqwik, JMH or AssertJ in the package").isEmpty();
    }

    @Test
    void leavesOutTheUnitTests() throws IOException {
        List<String> unitTests = classesOf(BASE.resolve("src/test/java"));
        assertThat(unitTests).contains("dev/godotload/wire/WireFuzzTest.class");
        assertThat(present(unitTests)).as("unit-test classes in the package").isEmpty();
        assertThat(present(filesUnder(BASE.resolve("src/test/resources")))).as("unit-test resources in the package")
                .isEmpty();
        // nested, generated (JMH) or secondary classes of the tests: no class of ours but the main ones and the simulations
        Set<String> main = Set.copyOf(filesUnder(BASE.resolve("target/classes")));
        assertThat(entries.stream().filter(e -> e.startsWith("dev/godotload/") && !main.contains(e)
                && !e.startsWith("dev/godotload/simulations/")).limit(10))
                .as("classes that are neither main classes nor simulations").isEmpty();
    }

    @Test
    void declaresTheRootPomsGatlingVersion() throws Exception {
        assertThat(manifest.getValue("Gatling-Version")).isEqualTo(properties(pom(BASE.resolve("pom.xml"))).get("gatling.version"));
        assertThat(manifest.getValue("Java-Version")).isEqualTo("17");
    }

    /** enterprise/pom.xml repeats the root pom's versions and compile dependencies; they must not drift apart. */
    @Test
    void enterprisePomMirrorsTheRootPom() throws Exception {
        Element root = pom(BASE.resolve("pom.xml"));
        Element enterprise = pom(BASE.resolve("enterprise/pom.xml"));
        assertThat(child(enterprise, "version")).isEqualTo(child(root, "version"));
        Map<String, String> rootProperties = properties(root);
        properties(enterprise).forEach((name, value) ->
                assertThat(rootProperties.get(name)).as("root pom property %s", name).isEqualTo(value));
        assertThat(dependencies(enterprise)).as("enterprise/pom.xml's dependencies: the root pom's but the test ones")
                .isEqualTo(dependencies(root).entrySet().stream().filter(d -> !d.getValue().equals("test"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /**
     * The package on Gatling and its dependencies alone, as a load generator runs it: a short chat run
     * against the embedded server passes. Only completeness is at stake, so timings are not asserted.
     */
    @Test
    void runsTheChatSimulationOnGatlingAlone() throws Exception {
        String repo = System.getProperty("godotload.maven.repoLocal", "");
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> gatling = Stream.of(testClasspath.split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar") && (repo.isBlank() || e.startsWith(repo)))
                .filter(e -> NOT_FROM_GATLING.stream().noneMatch(e.replace(File.separatorChar, '/')::contains))
                .toList();
        assertThat(gatling).anyMatch(e -> e.contains("gatling-app"));
        assertThat(gatling).noneMatch(e -> e.contains("godot-load"));

        Path results = BASE.resolve("target/enterprise-package-run");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-cp", pkg + File.pathSeparator + String.join(File.pathSeparator, gatling),
                "-Dgatling.core.directory.results=" + results,
                "-Dload.users=6", "-Dload.ramp=1s", "-Dload.sentences=3", "-Dload.interval=200ms",
                "-Dload.chat.p99Ms=60000",
                "io.gatling.app.Gatling", "-s", "dev.godotload.simulations.ChatStressSimulation",
                "-rf", results.toString(), "-nr");
        Path log = BASE.resolve("target/enterprise-package-run.log");
        Process p = new ProcessBuilder(cmd).directory(BASE.resolve("target").toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the chat run finished within 3 minutes").isTrue();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("the chat run from the package; the end of %s:%n%s", log, tail(log, 40)).isZero();
            assertThat(out).contains("chat fan-out: count of successful events is greater than 0.0 : true");
        } finally {
            p.destroyForcibly();
        }
    }

    // --- helpers ---

    private static Set<String> present(List<String> files) {
        Set<String> found = new TreeSet<>(files);
        found.retainAll(entries);
        return found;
    }

    private static Set<String> missing(List<String> files) {
        Set<String> absent = new TreeSet<>(files);
        absent.removeAll(entries);
        return absent;
    }

    /** The class file of each {@code .java} under {@code dir} (its top-level class, named as the file). */
    private static List<String> classesOf(Path dir) throws IOException {
        return filesUnder(dir).stream().filter(f -> f.endsWith(".java"))
                .map(f -> f.substring(0, f.length() - ".java".length()) + ".class").toList();
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace(File.separatorChar, '/'))
                    .sorted().toList();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }

    private static List<Element> children(Element e, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> props = new LinkedHashMap<>();
        for (Element properties : children(project, "properties")) {
            for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element p) {
                    props.put(p.getTagName(), p.getTextContent().strip());
                }
            }
        }
        return props;
    }

    /** groupId:artifactId → scope of the project's own dependencies (not managed ones, not profiles'). */
    private static Map<String, String> dependencies(Element project) {
        Map<String, String> deps = new LinkedHashMap<>();
        for (Element dependencies : children(project, "dependencies")) {
            for (Element d : children(dependencies, "dependency")) {
                String scope = child(d, "scope");
                deps.put(child(d, "groupId") + ":" + child(d, "artifactId"), scope == null ? "compile" : scope);
            }
        }
        return deps;
    }
}
