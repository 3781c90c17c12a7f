package org.communitypoints.reconciler.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Member, partner, community and shift ids the rows refer to, interned once; ref 0 means none. */
final class Names {

    private IdIndex index = new IdIndex();

    int ref(String name) {
        return name == null || name.isEmpty() ? 0 : index.intern(name) + 1;
    }

    String name(int ref) {
        return ref == 0 ? "" : index.idAt(ref - 1);
    }

    void write(DataOutput out) throws IOException {
        index.write(out);
    }

    void read(DataInput in) throws IOException {
        index = IdIndex.read(in);
    }
}
