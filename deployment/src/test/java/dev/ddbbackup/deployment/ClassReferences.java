package dev.ddbbackup.deployment;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The classes a class file names in its constant pool (CONSTANT_Class entries): what it can load when it runs. */
final class ClassReferences {

    private ClassReferences() {}

    static Set<String> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            Map<Integer, String> utf8 = new HashMap<>();
            Map<Integer, Integer> classes = new HashMap<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.put(i, in.readUTF());
                    case 7 -> classes.put(i, in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            Set<String> names = new TreeSet<>();
            for (int nameIndex : classes.values()) {
                String name = utf8.get(nameIndex);
                int dims = 0;
                while (name.charAt(dims) == '[') {
                    dims++;
                }
                if (dims > 0) {
                    if (name.charAt(dims) != 'L') {
                        continue;
                    }
                    name = name.substring(dims + 1, name.length() - 1);
                }
                names.add(name.replace('/', '.'));
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable class file", e);
        }
    }
}
