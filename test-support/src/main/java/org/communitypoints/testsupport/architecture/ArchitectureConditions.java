package org.communitypoints.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Conditions ArchUnit does not ship, used by {@link ServiceArchitectureChecks}. */
final class ArchitectureConditions {

    private ArchitectureConditions() {
    }

    static ArchCondition<JavaClass> declareAMethodAnnotatedWith(String annotation) {
        return new ArchCondition<>("declare a method annotated with @" + annotation) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean declares = javaClass.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(annotation));
                events.add(new SimpleConditionEvent(javaClass, declares, javaClass.getName()
                        + (declares ? " declares" : " does not declare") + " a method annotated with @"
                        + annotation));
            }
        };
    }
}
