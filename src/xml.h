/* xml: the few DOM helpers every stage uses. */
#ifndef ISMSC_XML_H
#define ISMSC_XML_H

#include <string.h>
#include <libxml/tree.h>

/* Iterate over the element children of n named name (NULL: all). */
#define FOR_ELEMENTS(c, n, nm)                                            \
	for (xmlNode *c = xml_first((n), (nm)); c != NULL;                \
	    c = xml_next(c, (nm)))

static inline int
xml_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static inline xmlNode *
xml_next(xmlNode *n, const char *name)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    (name == NULL || strcmp((const char *)n->name, name) == 0))
			return n;
	return NULL;
}

static inline xmlNode *
xml_first(const xmlNode *parent, const char *name)
{
	xmlNode *n = parent ? parent->children : NULL;

	if (n == NULL)
		return NULL;
	if (n->type == XML_ELEMENT_NODE &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0))
		return n;
	return xml_next(n, name);
}

/* The value of attribute name, borrowed from the tree, or NULL. */
static inline const char *
xml_prop(const xmlNode *n, const char *name)
{
	xmlAttr *a = n ? xmlHasProp((xmlNode *)n, (const xmlChar *)name) :
	    NULL;

	if (a == NULL || a->type != XML_ATTRIBUTE_NODE)
		return NULL;
	if (a->children == NULL)
		return "";
	return (const char *)a->children->content;
}

static inline void
xml_set(xmlNode *n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static inline xmlNode *
xml_add(xmlNode *parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

#endif
