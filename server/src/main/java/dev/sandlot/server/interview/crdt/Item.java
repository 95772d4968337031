package dev.sandlot.server.interview.crdt;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * An item of a shared type's list or map, integrated by Yjs's YATA rules: a port of Yjs's
 * Item (getMissing, integrate, split, merge, delete, gc, write).
 */
final class Item extends Struct {

    /** Info bits of the update format. */
    static final int BIT_ORIGIN = 0x80;

    static final int BIT_RIGHT_ORIGIN = 0x40;

    static final int BIT_PARENT_SUB = 0x20;

    Id origin;

    Item left;

    Item right;

    Id rightOrigin;

    /** The parent once known. */
    YType parent;

    /**
     * The parent as decoded: a top-level type's name, the parent type's item id, or null.
     */
    Object parentRef;

    String parentSub;

    Content content;

    boolean deleted;

    /** An origin lies in collected content: the item can only become a GC struct. */
    private boolean collectedNeighbour;

    Item(long client, long clock, Id origin, Id rightOrigin, Object parentRef, String parentSub, Content content) {
        super(client, clock, content.length());
        this.origin = origin;
        this.rightOrigin = rightOrigin;
        this.parentRef = parentRef;
        this.parentSub = parentSub;
        this.content = content;
    }

    boolean countable() {
        return content.countable();
    }

    @Override
    boolean deleted() {
        return deleted;
    }

    Id lastId() {
        return new Id(client, clock + length - 1);
    }

    /**
     * Returns the client of a struct this item needs that the store lacks, or null once
     * its neighbours and parent are found.
     */
    Long missing(Transaction tx) {
        StructStore store = tx.store;
        if (origin != null && origin.client() != client && origin.clock() >= store.state(origin.client()))
            return origin.client();
        if (rightOrigin != null && rightOrigin.client() != client
                && rightOrigin.clock() >= store.state(rightOrigin.client()))
            return rightOrigin.client();
        if (parentRef instanceof Id p && p.client() != client && p.clock() >= store.state(p.client()))
            return p.client();

        Struct leftStruct = null;
        Struct rightStruct = null;
        if (origin != null) {
            leftStruct = store.cleanEnd(tx, origin);
            if (leftStruct instanceof Item l) {
                left = l;
                origin = l.lastId();
            }
        }
        if (rightOrigin != null) {
            rightStruct = store.cleanStart(tx, rightOrigin);
            if (rightStruct instanceof Item r) {
                right = r;
                rightOrigin = r.id();
            }
        }
        if (leftStruct instanceof GcStruct || rightStruct instanceof GcStruct) {
            collectedNeighbour = true;
            parent = null;
        }
        else if (parentRef == null) {
            if (left != null) {
                parent = left.parent;
                parentSub = left.parentSub;
            }
            else if (right != null) {
                parent = right.parent;
                parentSub = right.parentSub;
            }
        }
        else if (parentRef instanceof Id p) {
            parent = store.find(p) instanceof Item pi && pi.content instanceof ContentType ct ? ct.type() : null;
        }
        else if (parentRef instanceof String name) {
            parent = tx.root(name);
        }
        return null;
    }

    void integrate(Transaction tx, long offset) {
        StructStore store = tx.store;
        if (offset > 0) {
            clock += offset;
            Struct l = store.cleanEnd(tx, new Id(client, clock - 1));
            content = content.splice(offset);
            length -= offset;
            if (l instanceof Item li) {
                left = li;
                origin = li.lastId();
            }
            else {
                left = null;
                origin = new Id(client, clock - 1);
                collectedNeighbour = true;
            }
        }
        if (parent == null || collectedNeighbour) {
            store.add(new GcStruct(client, clock, length));
            return;
        }
        if ((left == null && (right == null || right.left != null)) || (left != null && left.right != right))
            resolveConflicts(store);
        if (left != null) {
            right = left.right;
            left.right = this;
        }
        else {
            Item r;
            if (parentSub != null) {
                r = parent.map.get(parentSub);
                while (r != null && r.left != null)
                    r = r.left;
            }
            else {
                r = parent.start;
                parent.start = this;
            }
            right = r;
        }
        if (right != null) {
            right.left = this;
        }
        else if (parentSub != null) {
            parent.map.put(parentSub, this);
            if (left != null)
                left.delete(tx);
        }
        if (parentSub == null && countable() && !deleted)
            parent.length += length;
        store.add(this);
        if (content instanceof ContentDeleted) {
            tx.deleteSet.add(client, clock, length);
            deleted = true;
        }
        else if (content instanceof ContentType ct) {
            ct.type().item = this;
        }
        if ((parent.item != null && parent.item.deleted) || (parentSub != null && right != null))
            delete(tx);
    }

    /** YATA: choose the left neighbour among the items concurrently inserted here. */
    private void resolveConflicts(StructStore store) {
        Item newLeft = left;
        Item o;
        if (newLeft != null) {
            o = newLeft.right;
        }
        else if (parentSub != null) {
            o = parent.map.get(parentSub);
            while (o != null && o.left != null)
                o = o.left;
        }
        else {
            o = parent.start;
        }
        Set<Item> conflicting = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Item> beforeOrigin = Collections.newSetFromMap(new IdentityHashMap<>());
        while (o != null && o != right) {
            beforeOrigin.add(o);
            conflicting.add(o);
            if (Objects.equals(origin, o.origin)) {
                if (o.client < client) {
                    newLeft = o;
                    conflicting.clear();
                }
                else if (Objects.equals(rightOrigin, o.rightOrigin)) {
                    break;
                }
            }
            else if (o.origin != null && store.find(o.origin) instanceof Item oo && beforeOrigin.contains(oo)) {
                if (!conflicting.contains(oo)) {
                    newLeft = o;
                    conflicting.clear();
                }
            }
            else {
                break;
            }
            o = o.right;
        }
        left = newLeft;
    }

    void delete(Transaction tx) {
        if (deleted)
            return;
        if (countable() && parentSub == null)
            parent.length -= length;
        deleted = true;
        tx.deleteSet.add(client, clock, length);
        if (content instanceof ContentType ct)
            tx.deleteTypeContent(ct.type());
    }

    /**
     * Drops deleted content: the item keeps only its length, and the items of a type it
     * held become GC structs (however deep types nest: a loop, not recursion).
     */
    void gc(StructStore store, boolean parentCollected) {
        Deque<Item> nested = new ArrayDeque<>();
        collectNested(nested);
        while (!nested.isEmpty()) {
            Item child = nested.pop();
            child.collectNested(nested);
            store.replace(child, new GcStruct(child.client, child.clock, child.length));
        }
        if (parentCollected)
            store.replace(this, new GcStruct(client, clock, length));
        else
            content = new ContentDeleted(length);
    }

    private void collectNested(Deque<Item> out) {
        if (!(content instanceof ContentType ct))
            return;
        YType type = ct.type();
        for (Item item = type.start; item != null; item = item.right)
            out.push(item);
        type.start = null;
        for (Item item : type.map.values()) {
            for (Item i = item; i != null; i = i.left)
                out.push(i);
        }
        type.map = new LinkedHashMap<>();
    }

    /**
     * Splits at {@code diff}: this keeps the first {@code diff} clocks, the returned item
     * the rest.
     */
    Item split(Transaction tx, long diff) {
        Item rightItem = new Item(client, clock + diff, new Id(client, clock + diff - 1), rightOrigin, null, parentSub,
                content.splice(diff));
        rightItem.parent = parent;
        rightItem.left = this;
        rightItem.right = right;
        rightItem.deleted = deleted;
        right = rightItem;
        if (rightItem.right != null)
            rightItem.right.left = rightItem;
        tx.mergeStructs.add(rightItem);
        if (rightItem.parentSub != null && rightItem.right == null)
            parent.map.put(rightItem.parentSub, rightItem);
        length = diff;
        return rightItem;
    }

    boolean mergeWith(Item r) {
        if (Objects.equals(r.origin, lastId()) && right == r && Objects.equals(rightOrigin, r.rightOrigin)
                && client == r.client && end() == r.clock && deleted == r.deleted
                && content.getClass() == r.content.getClass() && content.mergeWith(r.content)) {
            right = r.right;
            if (right != null)
                right.left = this;
            length += r.length;
            return true;
        }
        return false;
    }

    @Override
    void write(ByteWriter out, long offset) {
        write(out, offset, false);
    }

    /**
     * Writes this item; {@code reread} writes it as it comes out of Yjs's mergeUpdates,
     * which reads an item with an origin back without its parentSub.
     */
    void write(ByteWriter out, long offset, boolean reread) {
        Id o = offset > 0 ? new Id(client, clock + offset - 1) : origin;
        boolean writesParent = o == null && rightOrigin == null;
        boolean flagsSub = parentSub != null && (writesParent || !reread);
        int info = (content.ref() & 0x1f) | (o == null ? 0 : BIT_ORIGIN) | (rightOrigin == null ? 0 : BIT_RIGHT_ORIGIN)
                | (flagsSub ? BIT_PARENT_SUB : 0);
        out.writeUint8(info);
        if (o != null) {
            out.writeVarUint(o.client());
            out.writeVarUint(o.clock());
        }
        if (rightOrigin != null) {
            out.writeVarUint(rightOrigin.client());
            out.writeVarUint(rightOrigin.clock());
        }
        if (writesParent) {
            Object ref = parent != null ? (parent.item == null ? parent.rootName : parent.item.id()) : parentRef;
            if (ref instanceof String name) {
                out.writeVarUint(1);
                out.writeVarString(name);
            }
            else if (ref instanceof Id id) {
                out.writeVarUint(0);
                out.writeVarUint(id.client());
                out.writeVarUint(id.clock());
            }
            else {
                throw new IllegalStateException("item " + id() + " has no parent to write");
            }
            if (parentSub != null)
                out.writeVarString(parentSub);
        }
        content.write(out, offset);
    }

}
