package org.communitypoints.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.communitypoints.catalog.domain.ResidentNames;
import org.junit.jupiter.api.Test;

class ResidentNamesTest {

    @Test
    void aTwoCharacterNameKeepsItsFamilyName() {
        assertEquals("李*", ResidentNames.mask("李梅"));
    }

    @Test
    void aLongerNameKeepsItsFirstAndLastCharacter() {
        assertEquals("王*明", ResidentNames.mask("王小明"));
        assertEquals("欧**锋", ResidentNames.mask("欧阳长锋"));
    }

    @Test
    void aOneCharacterNameShowsNothing() {
        assertEquals("*", ResidentNames.mask("梅"));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNotCutInHalf() {
        assertEquals("𠀀*", ResidentNames.mask("𠀀梅"));
    }

    @Test
    void noNameIsNoName() {
        assertNull(ResidentNames.mask(" "));
        assertNull(ResidentNames.mask(null));
    }
}
