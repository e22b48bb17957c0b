/*
 * Size-class slab allocator (include/kmalloc.h), in the spirit of Linux's SLAB/SLUB:
 *
 *   struct kmem_cache (one per size) --partial--> slab pages with free objects
 *                                    --full-----> slab pages with none
 *
 * A slab is one 4 KiB frame; its struct page (pmm.h) records the cache, the free list and the
 * count in use, so kfree() finds everything from the object's address alone. A slab that
 * becomes empty goes back to the frame allocator, so freeing everything returns every frame.
 */
#include "kmalloc.h"
#include "list.h"
#include "panic.h"
#include "pmm.h"
#include "spinlock.h"
#include "string.h"

struct kmem_cache {
	const char *name;
	size_t object_size;
	struct spinlock lock;
	struct list_head partial; /* slabs with at least one free object */
	struct list_head full;	  /* slabs with none */
	size_t live_objects;
	size_t slabs;
	size_t total_allocations;
};

#define CACHE(size)                                                                                \
	{                                                                                          \
		.name = "kmalloc-" #size, .object_size = size                                      \
	}

static struct kmem_cache caches[] = {
	CACHE(16),  CACHE(32),	CACHE(64),  CACHE(96),	 CACHE(128),
	CACHE(192), CACHE(256), CACHE(512), CACHE(1024), CACHE(2048),
};

static struct spinlock large_lock = SPINLOCK_INIT("kmalloc-large");
static size_t large_live, large_total;
void kmalloc_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++) {
		spin_lock_init(&caches[i].lock, caches[i].name);
		list_init(&caches[i].partial);
		list_init(&caches[i].full);
	}
}

static struct kmem_cache *cache_for(size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++) {
		if (size <= caches[i].object_size)
			return &caches[i];
	}
	return NULL;
}

#ifdef CONFIG_DEBUG
static void poison(void *object, size_t size)
{
	memset((char *)object + sizeof(void *), KMALLOC_POISON, size - sizeof(void *));
}

static void check_poison(struct kmem_cache *cache, const void *object)
{
	const uint8_t *bytes = object;
	for (size_t i = sizeof(void *); i < cache->object_size; i++) {
		if (bytes[i] != KMALLOC_POISON)
			panic("%s: object %p written after it was freed (byte %lu is %#x)",
			      cache->name, object, i, bytes[i]);
	}
}
#else
static void poison(void *object, size_t size)
{
	(void)object;
	(void)size;
}

static void check_poison(struct kmem_cache *cache, const void *object)
{
	(void)cache;
	(void)object;
}
#endif

/* A new slab: every object on the free list. Called with the cache lock held. */
static struct page *slab_create(struct kmem_cache *cache)
{
	phys_addr_t frame = pmm_alloc_frame();
	if (!frame)
		return NULL;
	struct page *page = pmm_page(frame);
	char *base = phys_to_virt(frame);
	size_t count = PAGE_SIZE / cache->object_size;

	page->kind = PAGE_KIND_SLAB;
	page->slab_cache = cache;
	page->slab_in_use = 0;
	page->slab_free_list = NULL;
	for (size_t i = count; i-- > 0;) {
		void *object = base + i * cache->object_size;
		poison(object, cache->object_size);
		*(void **)object = page->slab_free_list;
		page->slab_free_list = object;
	}
	list_add(&page->slab_node, &cache->partial);
	cache->slabs++;
	return page;
}

static void *cache_alloc(struct kmem_cache *cache)
{
	uint64_t flags = spin_lock_irqsave(&cache->lock);
	struct page *page;
	void *object = NULL;

	if (list_is_empty(&cache->partial) && !slab_create(cache))
		goto out_unlock;
	page = list_first_entry(&cache->partial, struct page, slab_node);
	object = page->slab_free_list;
	check_poison(cache, object);
	page->slab_free_list = *(void **)object;
	page->slab_in_use++;
	if (!page->slab_free_list) {
		list_del(&page->slab_node);
		list_add(&page->slab_node, &cache->full);
	}
	cache->live_objects++;
	cache->total_allocations++;
out_unlock:
	spin_unlock_irqrestore(&cache->lock, flags);
	return object;
}

static void cache_free(struct kmem_cache *cache, struct page *page, void *object)
{
	uint64_t flags = spin_lock_irqsave(&cache->lock);
	char *base = phys_to_virt(pmm_page_address(page));

	if (((char *)object - base) % cache->object_size != 0)
		panic("kfree(%p): not the start of a %s object", object, cache->name);
	poison(object, cache->object_size);
	if (!page->slab_free_list) {
		list_del(&page->slab_node);
		list_add(&page->slab_node, &cache->partial);
	}
	*(void **)object = page->slab_free_list;
	page->slab_free_list = object;
	page->slab_in_use--;
	cache->live_objects--;
	if (page->slab_in_use == 0) {
		list_del(&page->slab_node);
		cache->slabs--;
		page->kind = PAGE_KIND_ANY;
		pmm_free_frames(pmm_page_address(page), 1);
	}
	spin_unlock_irqrestore(&cache->lock, flags);
}

static void *large_alloc(size_t size)
{
	size_t frames = DIV_ROUND_UP(size, PAGE_SIZE);
	phys_addr_t start = pmm_alloc_frames(frames);
	if (!start)
		return NULL;
	struct page *page = pmm_page(start);
	page->kind = PAGE_KIND_KMALLOC_LARGE;
	page->large_frames = frames;
	uint64_t flags = spin_lock_irqsave(&large_lock);
	large_live++;
	large_total++;
	spin_unlock_irqrestore(&large_lock, flags);
	return phys_to_virt(start);
}

static void *raw_alloc(size_t size)
{
	struct kmem_cache *cache = cache_for(size);
	return cache ? cache_alloc(cache) : large_alloc(size);
}

static void raw_free(const void *object);

#ifdef CONFIG_KMALLOC_REDZONE
/*
 * Redzones (make SANITIZE=1): every object gets a 16-byte header in front (its size and a
 * magic word) and 16 bytes of REDZONE_BYTE right after its last byte. kfree() checks both,
 * so a write one past the end, or a free of something that is not an object's start, is
 * caught at the free with a panic naming the object, instead of corrupting a neighbour.
 */
#define REDZONE_HEAD  16
#define REDZONE_TAIL  16
#define REDZONE_BYTE  0xfc
#define REDZONE_MAGIC 0x7a6f6e65646b6d61ull /* "amkdenoz" */

struct redzone_head {
	uint64_t size;
	uint64_t magic;
};

void *kmalloc(size_t size)
{
	if (size == 0 || size > SIZE_MAX - REDZONE_HEAD - REDZONE_TAIL)
		return NULL;
	char *raw = raw_alloc(REDZONE_HEAD + size + REDZONE_TAIL);
	if (!raw)
		return NULL;
	struct redzone_head *head = (struct redzone_head *)raw;
	head->size = size;
	head->magic = REDZONE_MAGIC;
	memset(raw + REDZONE_HEAD + size, REDZONE_BYTE, REDZONE_TAIL);
	return raw + REDZONE_HEAD;
}

void kfree(const void *object)
{
	if (!object)
		return;
	const char *raw = (const char *)object - REDZONE_HEAD;
	const struct redzone_head *head = (const struct redzone_head *)raw;
	if (head->magic != REDZONE_MAGIC)
		panic("kfree(%p): the redzone before it is overwritten, or it is no kmalloc object",
		      object);
	const uint8_t *tail = (const uint8_t *)object + head->size;
	for (size_t i = 0; i < REDZONE_TAIL; i++) {
		if (tail[i] != REDZONE_BYTE)
			panic("kfree(%p): %lu-byte object overrun: byte %lu past its end is %#x",
			      object, (unsigned long)head->size, (unsigned long)i, tail[i]);
	}
	((struct redzone_head *)raw)->magic = 0; /* a second kfree is caught too */
	raw_free(raw);
}
#else
void *kmalloc(size_t size)
{
	if (size == 0)
		return NULL;
	return raw_alloc(size);
}

void kfree(const void *object)
{
	if (object)
		raw_free(object);
}
#endif

void *kzalloc(size_t size)
{
	void *object = kmalloc(size);
	if (object)
		memset(object, 0, size);
	return object;
}

static void raw_free(const void *object)
{
	virt_addr_t address = (virt_addr_t)object;
	if (address < DIRECT_MAP_BASE || address >= KERNEL_VAREA_BASE)
		panic("kfree(%p): not a kmalloc address", object);
	struct page *page = pmm_page(virt_to_phys(object));
	if (page && page->kind == PAGE_KIND_SLAB) {
		cache_free(page->slab_cache, page, (void *)object);
	} else if (page && page->kind == PAGE_KIND_KMALLOC_LARGE &&
		   IS_ALIGNED(address, PAGE_SIZE)) {
		size_t frames = page->large_frames;
		page->kind = PAGE_KIND_ANY;
		pmm_free_frames(virt_to_phys(object), frames);
		uint64_t flags = spin_lock_irqsave(&large_lock);
		large_live--;
		spin_unlock_irqrestore(&large_lock, flags);
	} else {
		panic("kfree(%p): not a kmalloc address", object);
	}
}

size_t kmalloc_cache_count(void)
{
	return ARRAY_SIZE(caches);
}

void kmalloc_cache_stats(size_t index, struct kmalloc_cache_stats *stats)
{
	if (index < ARRAY_SIZE(caches)) {
		struct kmem_cache *cache = &caches[index];
		*stats = (struct kmalloc_cache_stats){
			cache->name, cache->object_size, READ_ONCE(cache->live_objects),
			READ_ONCE(cache->slabs), READ_ONCE(cache->total_allocations)};
	} else {
		*stats = (struct kmalloc_cache_stats){"kmalloc-large", PAGE_SIZE,
						      READ_ONCE(large_live), 0,
						      READ_ONCE(large_total)};
	}
}

size_t kmalloc_live_objects(void)
{
	size_t total = READ_ONCE(large_live);
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++)
		total += READ_ONCE(caches[i].live_objects);
	return total;
}
