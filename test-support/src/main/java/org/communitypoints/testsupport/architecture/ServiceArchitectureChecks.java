package org.communitypoints.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape every data service follows (ARCHITECTURE.md), checked in each service's build: a service's
 * {@code ArchitectureTest} extends this class and names its base package. Each rule is one sentence of
 * ARCHITECTURE.md, so a failure message reads as the rule that was broken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceArchitectureChecks {

    // Named, not imported: test-support must not put these frameworks on every module's test classpath.
    private static final String ENTITY = "jakarta.persistence.Entity";
    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";
    private static final String TRANSACTIONAL = "jakarta.transaction.Transactional";
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String APPLICATION_SCOPED = "jakarta.enterprise.context.ApplicationScoped";
    private static final String SCHEDULED = "io.quarkus.scheduler.Scheduled";
    private static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";
    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";
    private static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";
    private static final String INJECT = "jakarta.inject.Inject";

    private JavaClasses classes;
    private String rest;
    private String service;
    private String domain;
    private String repository;
    private String messaging;
    private String config;

    /** The service's base package, e.g. {@code org.communitypoints.activity}. */
    protected abstract String basePackage();

    @BeforeAll
    void importMainClasses() {
        String base = basePackage();
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
        rest = base + ".rest..";
        service = base + ".service..";
        domain = base + ".domain..";
        repository = base + ".repository..";
        messaging = base + ".messaging..";
        config = base + ".config..";
    }

    @Test
    void everyClassLivesInOneOfTheLayers() {
        classes().should().resideInAnyPackage(rest, service, domain, repository, messaging, config)
                .because("a service has rest, service, domain, repository, messaging and config layers")
                .check(classes);
    }

    @Test
    void onlyTheRestLayerKnowsHttp() {
        noClasses().that().resideOutsideOfPackage(rest).should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .because("services take ids and return service records; HTTP is the edge's business")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheRestLayer() {
        noClasses().that().resideOutsideOfPackage(rest).should().dependOnClassesThat().resideInAPackage(rest)
                .because("request and response records are the API's, mapped at the edge")
                .check(classes);
    }

    @Test
    void entitiesNeverLeaveTheService() {
        noClasses().that().resideInAPackage(rest).should().dependOnClassesThat()
                .areAnnotatedWith(ENTITY)
                .because("the entity is not the API model: resources map service records to responses")
                .check(classes);
    }

    @Test
    void theDomainStandsOnItsOwn() {
        noClasses().that().resideInAPackage(domain).should().dependOnClassesThat()
                .resideInAnyPackage(service, repository, messaging, rest)
                .check(classes);
    }

    @Test
    void repositoriesKnowOnlyTheDomain() {
        noClasses().that().resideInAPackage(repository).should().dependOnClassesThat()
                .resideInAnyPackage(service, messaging, rest)
                .check(classes);
    }

    @Test
    void entitiesLiveInTheDomain() {
        classes().that().areAnnotatedWith(ENTITY).should().resideInAPackage(domain)
                .allowEmptyShould(true) // points-service has no entities: its journal is JDBC by design
                .check(classes);
    }

    @Test
    void transactionsAreOpenedByServices() {
        noClasses().that().resideOutsideOfPackage(service).should()
                .beAnnotatedWith(TRANSACTIONAL)
                .because("the service owns the transaction; a resource or consumer calls one service method")
                .check(classes);
        methods().that().areAnnotatedWith(TRANSACTIONAL).should().beDeclaredInClassesThat()
                .resideInAPackage(service)
                .because("the service owns the transaction; a resource or consumer calls one service method")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void resourcesAreNamedResource() {
        classes().that().areAnnotatedWith(PATH).should().haveSimpleNameEndingWith("Resource")
                .andShould().resideInAPackage(rest)
                .check(classes);
    }

    @Test
    void servicesAreNamedServiceOrJob() {
        classes().that().resideInAPackage(service).and().areAnnotatedWith(APPLICATION_SCOPED)
                .should().haveSimpleNameEndingWith("Service").orShould().haveSimpleNameEndingWith("Job")
                .because("a bean of the service layer is a *Service, or a *Job when it runs on a schedule")
                .check(classes);
    }

    @Test
    void jobsAreScheduled() {
        classes().that().resideInAPackage(service).and().haveSimpleNameEndingWith("Job")
                .should(ArchitectureConditions.declareAMethodAnnotatedWith(SCHEDULED))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void repositoriesAreNamedRepository() {
        classes().that().resideInAPackage(repository).and().areAnnotatedWith(APPLICATION_SCOPED)
                .should().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void jpaRepositoriesArePanacheRepositories() {
        noFields().that().areDeclaredInClassesThat().resideInAPackage(repository)
                .should().haveRawType(ENTITY_MANAGER)
                .because("JPA repositories are Panache repositories (getEntityManager() for native SQL);"
                        + " a JDBC repository holds a DataSource")
                .check(classes);
    }

    @Test
    void consumersLiveInMessagingAndAreNamedConsumer() {
        methods().that().areAnnotatedWith(INCOMING)
                .should().beDeclaredInClassesThat().resideInAPackage(messaging)
                .andShould().beDeclaredInClassesThat().haveSimpleNameEndingWith("Consumer")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void eventsArePublishedThroughTheOutboxByMessagingEvents() {
        noClasses().that().resideOutsideOfPackage(messaging).or().haveSimpleNameNotEndingWith("Events")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.communitypoints.platform.data.Outbox")
                .because("a service says what happened through its messaging *Events publisher, which writes the"
                        + " outbox row in the caller's transaction")
                .check(classes);
    }

    @Test
    void publishersDoNotCallServices() {
        noClasses().that().resideInAPackage(messaging).and().haveSimpleNameEndingWith("Events")
                .should().dependOnClassesThat().resideInAPackage(service)
                .check(classes);
    }

    @Test
    void configurationIsTypedAndLivesInConfig() {
        classes().that().areAnnotatedWith(CONFIG_MAPPING)
                .should().resideInAPackage(config).andShould().haveSimpleNameEndingWith("Config")
                .allowEmptyShould(true)
                .check(classes);
        noFields().should().beAnnotatedWith(CONFIG_PROPERTY)
                .because("configuration is read through @ConfigMapping interfaces")
                .check(classes);
    }

    @Test
    void beansUseConstructorInjection() {
        noFields().should().beAnnotatedWith(INJECT)
                .because("constructor injection keeps dependencies explicit and final")
                .check(classes);
    }
}
