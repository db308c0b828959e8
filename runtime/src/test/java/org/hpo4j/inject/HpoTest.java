package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpoTest {
    private static final String SOURCE = "hpo/org.hpo4j.inject.TunableNet.properties";
    private final TunableNetInjector injector = new TunableNetInjector();

    @AfterEach
    void clearOverrides() {
        System.clearProperty("hpo.TunableNet.hidden");
        System.clearProperty(Hpo.KEEP_BUDGET);
        System.clearProperty("hpo.org.hpo4j.inject.UntunedNet.learningRate");
    }

    @Test
    void resourceNameIsTheBinaryClassName() {
        assertEquals("hpo/org.hpo4j.inject.TunableNet.properties", Hpo.resourceName(TunableNet.class));
    }

    @Test
    void loadAppliesTheClassPathResource() {
        TunableNet net = new TunableNet();
        assertSame(net, Hpo.load(net));
        assertEquals(0.05, net.learningRate);
        assertEquals(128, net.hidden);
        assertEquals("momentum", net.optimizer);
        assertEquals(0.75, net.momentum);
        assertEquals(9, net.epochs, "the budget the file was tuned for");
    }

    @Test
    void theBudgetCanBeKeptOrOverridden() {
        TunableNet kept = Hpo.loadKeepingBudget(new TunableNet());
        assertEquals(27, kept.epochs, "the field's own value");
        assertEquals(128, kept.hidden, "the hyperparameters still come from the file");

        Properties system = new Properties();
        system.setProperty(Hpo.KEEP_BUDGET, "true");
        Map<String, String> file = Map.of("hidden", "100", "epochs", "9");
        assertEquals(27, Hpo.apply(new TunableNet(), injector, file, SOURCE, system).epochs);
        system.setProperty("hpo.TunableNet.epochs", "20");
        assertEquals(20, Hpo.apply(new TunableNet(), injector, file, SOURCE, system).epochs,
                "an explicit override of the budget applies even so");
        system.remove(Hpo.KEEP_BUDGET);
        system.setProperty("hpo.TunableNet.epochs", "405");
        TunableNet beyond = Hpo.apply(new TunableNet(), injector, file, SOURCE, system);
        assertEquals(405, beyond.epochs, "a budget above @Budget(max) is allowed: hpo.maxBudget may have tuned there");
        assertEquals(100, beyond.hidden);
        assertEquals(9, Hpo.apply(new TunableNet(), injector, file, SOURCE, new Properties()).epochs);
    }

    @Test
    void aBadBudgetOrSwitchNamesWhereItCameFrom() {
        HpoConfigurationException fraction = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("epochs", "2.5"), SOURCE, new Properties()));
        assertEquals(SOURCE, fraction.source());
        assertTrue(fraction.getMessage().contains("epochs = 2.5") && fraction.getMessage().contains("whole numbers"),
                fraction.getMessage());
        Properties system = new Properties();
        system.setProperty("hpo.TunableNet.epochs", "-3");
        HpoConfigurationException negative = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of(), SOURCE, system));
        assertEquals("system property hpo.TunableNet.epochs", negative.source());
        Properties bad = new Properties();
        bad.setProperty(Hpo.KEEP_BUDGET, "yes");
        HpoConfigurationException flag = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of(), SOURCE, bad));
        assertTrue(flag.getMessage().contains("expected true or false"), flag.getMessage());
    }

    @Test
    void aWrittenFileCarriesItsBudgetBackIntoTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuned.properties");
        TunedProperties.write(file, injector.space(), injector.space().configuration(Map.of("learningRate", 0.2,
                "hidden", 40L, "optimizer", "adam")), new TunedProperties.Provenance(TunableNet.class.getName(), "s", 1.5,
                org.hpo4j.annotations.Direction.MINIMIZE, 3, "epochs", "hyperband", 0, 10, null));
        assertTrue(Files.readString(file).endsWith("keeps the field's own value)\nepochs=3\n"), Files.readString(file));
        TunableNet net = Hpo.load(new TunableNet(), file);
        assertEquals(3, net.epochs);
        assertEquals(40, net.hidden);
    }

    @Test
    void withoutResourceTheInitializersStay() {
        UntunedNet net = Hpo.load(new UntunedNet());
        assertEquals(0.01, net.learningRate);
        assertEquals(64, net.hidden);
        assertEquals("adam", net.optimizer);
        assertEquals(0.9, net.momentum);
    }

    @Test
    void systemPropertiesOverrideTheFileBySimpleOrBinaryName() {
        System.setProperty("hpo.TunableNet.hidden", "300");
        TunableNet net = Hpo.load(new TunableNet());
        assertEquals(300, net.hidden);
        assertEquals(0.05, net.learningRate, "other keys still come from the file");

        System.setProperty("hpo.org.hpo4j.inject.UntunedNet.learningRate", "0.2");
        UntunedNet untuned = Hpo.load(new UntunedNet());
        assertEquals(0.2, untuned.learningRate);
        assertEquals(64, untuned.hidden);
    }

    @Test
    void partialFileKeepsTheOtherFieldsAndGivesNewlyActiveChildrenTheirDefaults() {
        TunableNet net = new TunableNet();
        net.hidden = 20;
        net.momentum = 0.6;
        Hpo.apply(net, injector, Map.of("optimizer", "momentum"), SOURCE, new Properties());
        assertEquals("momentum", net.optimizer);
        assertEquals(20, net.hidden, "an active parameter the file does not set keeps the instance's value");
        // the instance left momentum inactive, so Injector.read cannot report it: the default applies
        assertEquals(0.9, net.momentum);
        assertEquals(0.01, net.learningRate);
    }

    @Test
    void unknownKeyNamesSourceKeyAndKnownKeys() {
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("learningRat", "0.1"), SOURCE, new Properties()));
        assertEquals(SOURCE, e.source());
        assertEquals("learningRat", e.key());
        assertTrue(e.getMessage().contains(SOURCE) && e.getMessage().contains("learningRat")
                && e.getMessage().contains("[learningRate, hidden, optimizer, momentum]"), e.getMessage());
    }

    @Test
    void outOfRangeValueNamesTheAllowedRange() {
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("learningRate", "2.5"), SOURCE, new Properties()));
        assertEquals("2.5", e.value());
        assertTrue(e.getMessage().contains("learningRate = 2.5") && e.getMessage().contains("[1.0E-4, 1.0] (log)"), e.getMessage());
    }

    @Test
    void wrongTypeIsRejected() {
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("hidden", "12.5"), SOURCE, new Properties()));
        assertTrue(e.getMessage().contains("hidden = 12.5") && e.getMessage().contains("integers [16, 512] (log)"), e.getMessage());
        HpoConfigurationException c = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("optimizer", "rmsprop"), SOURCE, new Properties()));
        assertTrue(c.getMessage().contains("[sgd, momentum, adam]"), c.getMessage());
    }

    @Test
    void valueForAnInactiveParameterIsRejected() {
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of("optimizer", "sgd", "momentum", "0.8"), SOURCE, new Properties()));
        assertEquals("momentum", e.key());
        assertTrue(e.getMessage().contains("inactive") && e.getMessage().contains("optimizer == momentum"), e.getMessage());
    }

    @Test
    void badOverrideNamesTheSystemProperty() {
        Properties system = new Properties();
        system.setProperty("hpo.TunableNet.hiden", "100");
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of(), SOURCE, system));
        assertEquals("system property hpo.TunableNet.hiden", e.source());
    }

    @Test
    void propertiesOfOtherClassesAndPluginSettingsAreIgnored() {
        Properties system = new Properties();
        system.setProperty("hpo.seed", "3");
        system.setProperty("hpo.OtherNet.hidden", "abc");
        TunableNet net = Hpo.apply(new TunableNet(), injector, Map.of(), SOURCE, system);
        assertEquals(64, net.hidden);
    }

    @Test
    void loadFromAnExplicitFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuned.properties");
        Files.writeString(file, "hidden = 32\n");
        assertEquals(32, Hpo.load(new UntunedNet(), file).hidden);
        Files.writeString(file, "hidden = 1000\n");
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class, () -> Hpo.load(new UntunedNet(), file));
        assertEquals(file.toString(), e.source());
    }
}
