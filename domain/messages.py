"""Every message a person reads, in Spanish and English.

Domain errors are written once, in English (or already in both languages, "es / en"); this
catalog holds the Spanish of each English one, and `in_language` picks the reader's: the
customer's or staff member's language, else the request's Accept-Language. With neither,
the message is shown as written. A test checks that every English-only message of the
domain has its Spanish here.
"""

from __future__ import annotations

import re

from domain.models import Language

SPANISH: dict[str, str] = {
    "Trigger not found.": ("Disparador no encontrado."),
    "Time rule not found.": "Regla de tiempo no encontrada.",
    "A time rule waits on NEW, OPEN, WAITING_ON_AGENT, WAITING_ON_CUSTOMER or RESOLVED.": (
        "Una regla de tiempo espera en NEW, OPEN, WAITING_ON_AGENT, WAITING_ON_CUSTOMER o RESOLVED."
    ),
    "Choose the events that fire the trigger.": ("Elija los eventos que activan el disparador."),
    "Choose a position from -1000 to 1000.": ("Elija una posición de -1000 a 1000."),
    "Give requester domains like example.com.": (
        "Indique dominios de solicitante como example.com."
    ),
    "A trigger can set the status to RESOLVED or CLOSED.": (
        "Un disparador puede poner el estado en RESOLVED o CLOSED."
    ),
    "A trigger replies with a shared canned response.": (
        "Un disparador responde con una respuesta predefinida compartida."
    ),
    "Delivery not found.": "Entrega no encontrada.",
    "Webhook not found.": "Webhook no encontrado.",
    "Only administrators and partners can manage webhooks.": (
        "Solo los administradores y los socios pueden gestionar webhooks."
    ),
    "This delivery is being sent right now.": "Esta entrega se está enviando en este momento.",
    "The URL is not valid.": "La URL no es válida.",
    "The URL must start with https:// and name a host.": (
        "La URL debe empezar por https:// e indicar un servidor."
    ),
    "The URL must not carry a user name or password.": (
        "La URL no debe llevar usuario ni contraseña."
    ),
    "The URL must not have a fragment (#).": "La URL no debe tener fragmento (#).",
    "A category already has this code.": "Ya hay una categoría con este código.",
    "A customer already has this client number.": "Ya hay un cliente con este número.",
    "A department already has this code.": "Ya hay un departamento con este código.",
    "A guest pass opens one ticket; log in to open another.": (
        "Un pase de invitado abre un solo ticket; inicie sesión para abrir otro."
    ),
    "A merged ticket cannot be assigned.": "Un ticket fusionado no se puede asignar.",
    "A merged ticket cannot be triaged.": "Un ticket fusionado no se puede clasificar.",
    "A staff member already has this email.": "Ya hay un miembro del equipo con este correo.",
    "A ticket cannot be merged into itself.": "Un ticket no se puede fusionar consigo mismo.",
    "Administrators cannot demote or deactivate themselves.": (
        "Un administrador no puede quitarse el rol ni desactivarse a sí mismo."
    ),
    "Allow 1 to 10000 requests a minute.": "Permita de 1 a 10000 peticiones por minuto.",
    "An article with this address or for this ticket exists.": (
        "Ya existe un artículo con esta dirección o para este ticket."
    ),
    "Announcement not found.": "Aviso no encontrado.",
    "Another calendar has that name.": "Otro calendario tiene ese nombre.",
    "Article not found.": "Artículo no encontrado.",
    "Attachment not found.": "Adjunto no encontrado.",
    "Choose a category or a department.": "Elija una categoría o un departamento.",
    "Choose the customer the ticket is for.": "Elija el cliente del ticket.",
    "Client number or password is incorrect.": (
        "El número de cliente o la contraseña no son correctos."
    ),
    "Email or password is incorrect.": "El correo o la contraseña no son correctos.",
    "Give a sessionId of 16 to 128 letters, digits, '-' or '_' to vote without signing in.": (
        "Para votar sin iniciar sesión, envíe un sessionId de 16 a 128 letras, dígitos, '-' o '_'."
    ),
    "Give a valid email address.": "Escriba un correo válido.",
    "Give an impact, a department or a category.": (
        "Indique un impacto, un departamento o una categoría."
    ),
    "Give either an article ID or a slug.": "Indique el ID del artículo o su dirección, no ambos.",
    "Give the partner a name of up to 200 characters.": (
        "Dé al socio un nombre de hasta 200 caracteres."
    ),
    "Log in as a customer to do this.": "Inicie sesión como cliente para hacer esto.",
    "Log in as a customer or staff member to do this.": (
        "Inicie sesión como cliente o como miembro del personal para hacer esto."
    ),
    "Log in to do this.": "Inicie sesión para hacer esto.",
    "Name the affected services, or make the announcement public.": (
        "Indique los servicios afectados o haga público el aviso."
    ),
    "Only a resolved or closed ticket can be documented.": (
        "Solo se puede documentar un ticket resuelto o cerrado."
    ),
    "Only a supervisor can assign tickets to others.": (
        "Solo un supervisor puede asignar tickets a otras personas."
    ),
    "Only administrators and partners can add customers.": (
        "Solo los administradores y los socios pueden añadir clientes."
    ),
    "Only administrators and partners can add services.": (
        "Solo los administradores y los socios pueden añadir servicios."
    ),
    "Only administrators can change SLA settings.": (
        "Solo los administradores pueden cambiar los acuerdos de servicio."
    ),
    "Only administrators can do this.": "Solo los administradores pueden hacer esto.",
    "Only supervisors and administrators can read the SLA report.": (
        "Solo los supervisores y los administradores pueden leer el informe de SLA."
    ),
    "Only support staff can add internal notes.": (
        "Solo el equipo de soporte puede añadir notas internas."
    ),
    "Only support staff can do this.": "Solo el equipo de soporte puede hacer esto.",
    "Only tickets of the same customer can be merged.": (
        "Solo se pueden fusionar tickets del mismo cliente."
    ),
    "That agent does not work in the ticket's department.": (
        "Ese agente no trabaja en el departamento del ticket."
    ),
    "The API key has been revoked.": "La clave de API fue revocada.",
    "The API key is not recognised.": "La clave de API no es válida.",
    "The access token has been revoked.": "El token de acceso fue revocado.",
    "The access token has expired.": "El token de acceso caducó.",
    "The access token is malformed.": "El token de acceso está mal formado.",
    "The access token is not recognised.": "El token de acceso no es válido.",
    "The account behind this token is disabled.": "La cuenta de este token está desactivada.",
    "The announcement has ended already.": "El aviso ya terminó.",
    "The announcement is published already.": "El aviso ya está publicado.",
    "The category belongs to another department.": "La categoría pertenece a otro departamento.",
    "The current password is incorrect.": "La contraseña actual no es correcta.",
    "The cursor is not valid for this search.": "El cursor no es válido para esta búsqueda.",
    "The cursor is not valid for this list and order.": (
        "El cursor no es válido para esta lista y este orden."
    ),
    "The end must be after the start.": "El final debe ser posterior al inicio.",
    "The expected time must be positive and not after the due time.": (
        "El tiempo esperado debe ser positivo y no posterior al vencimiento."
    ),
    "The first call with this idempotency key failed; retry it.": (
        "La primera llamada con esta clave de idempotencia falló; repítala."
    ),
    "The first call with this idempotency key is still running; retry later.": (
        "La primera llamada con esta clave de idempotencia sigue en curso; repítala más tarde."
    ),
    "The link names no session.": "El enlace no corresponde a ninguna sesión.",
    "The message cannot be empty.": "El mensaje no puede estar vacío.",
    "The message is longer than 20000 characters.": "El mensaje supera los 20000 caracteres.",
    "The name cannot be empty.": "El nombre no puede estar vacío.",
    "The resolution cannot be due before the first response.": (
        "La resolución no puede vencer antes de la primera respuesta."
    ),
    "The search is longer than 500 characters.": "La búsqueda supera los 500 caracteres.",
    "The session has ended.": "La sesión terminó.",
    "The subject cannot be empty.": "El asunto no puede estar vacío.",
    "The subject is longer than 200 characters.": "El asunto supera los 200 caracteres.",
    "The target ticket was itself merged.": "El ticket de destino también fue fusionado.",
    "The ticket changed meanwhile. Reload it and try again.": (
        "El ticket cambió mientras tanto. Recárguelo e inténtelo de nuevo."
    ),
    "The ticket has no public answer from an agent to document.": (
        "El ticket no tiene una respuesta pública de un agente que documentar."
    ),
    "The ticket was merged into another ticket; log it there.": (
        "El ticket se fusionó con otro; regístrelo allí."
    ),
    "The ticket was merged into another ticket; reply there.": (
        "El ticket se fusionó con otro; responda allí."
    ),
    "This is not a password-reset code.": "Este no es un código para restablecer la contraseña.",
    "This ticket can no longer be reopened. Reply to it to open a follow-up ticket linked to it.": (
        "Este ticket ya no se puede reabrir. Respóndalo para abrir un ticket de seguimiento "
        "vinculado."
    ),
    "This ticket is documented already.": "Este ticket ya está documentado.",
    "This token is not an access token.": "Este token no es un token de acceso.",
    "Ticket not found.": "Ticket no encontrado.",
    "Nothing found with this ID.": "No se encontró nada con este ID.",
    "Unknown API key.": "Clave de API desconocida.",
    "Unknown calendar.": "Calendario desconocido.",
    "Unknown category.": "Categoría desconocida.",
    "Unknown customer.": "Cliente desconocido.",
    "Unknown department.": "Departamento desconocido.",
    "Unknown holiday country.": "País de festivos desconocido.",
    "Unknown partner.": "Socio desconocido.",
    "Unknown service.": "Servicio desconocido.",
    "Unknown staff member.": "Miembro del equipo desconocido.",
    "Unknown support level.": "Nivel de soporte desconocido.",
    "Unknown ticket number.": "Número de ticket desconocido.",
    "Unknown time zone.": "Zona horaria desconocida.",
    "Use an idempotency key of 1 to 200 characters.": (
        "Use una clave de idempotencia de 1 a 200 caracteres."
    ),
    "You do not work in that department.": "Usted no trabaja en ese departamento.",
    "Department not found.": "Departamento no encontrado.",
    "`first` is between 1 and 100.": "`first` va de 1 a 100.",
    "Only agents have notification preferences.": (
        "Solo los agentes tienen preferencias de notificación."
    ),
    "Times are written HH:MM.": "Las horas se escriben HH:MM.",
    "Send the token as `Authorization: Bearer <token>`.": (
        "Envíe el token como `Authorization: Bearer <token>`."
    ),
    "Send the token as `Bearer <token>`.": "Envíe el token como `Bearer <token>`.",
    "Uploads need `Authorization: Bearer <token>` (multipart requests without it are "
    "refused, against cross-site request forgery).": (
        "Los adjuntos necesitan `Authorization: Bearer <token>` (las peticiones multipart sin "
        "él se rechazan, contra la falsificación de peticiones entre sitios)."
    ),
}

# Messages with a value in them: (English pattern, Spanish replacement).
SPANISH_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"first must be between 0 and (\d+)\."), r"first debe estar entre 0 y \1."),
    (re.compile(r"(\w+) needs 1 to (\d+) characters\."), r"\1 necesita de 1 a \2 caracteres."),
    (re.compile(r"Unknown (\w+)\."), r"\1 desconocido."),
    (re.compile(r"Unknown scopes: (.+)\."), r"Permisos desconocidos: \1."),
    (
        re.compile(r"This API key lacks the (\S+) scope\."),
        r"Esta clave de API no tiene el permiso \1.",
    ),
    (re.compile(r"(\w+) cannot be empty\."), r"\1 no puede estar vacío."),
    (re.compile(r"(\w+) is longer than (\d+) characters\."), r"\1 supera los \2 caracteres."),
    (
        re.compile(r"timeNeededMinutes must be between 1 and (\d+)\."),
        r"timeNeededMinutes debe estar entre 1 y \1.",
    ),
    (
        re.compile(r".+ is not possible now\."),
        "Esta acción no es posible con el ticket en su estado actual.",
    ),
    (
        re.compile(r"The subject is longer than (\d+) characters\."),
        r"El asunto supera los \1 caracteres.",
    ),
    (
        re.compile(r"The message is longer than (\d+) characters\."),
        r"El mensaje supera los \1 caracteres.",
    ),
    (
        re.compile(r"Choose a period of at most (\d+) days, ending after it starts\."),
        r"Elija un periodo de como máximo \1 días, que termine después de empezar.",
    ),
    (re.compile(r"Invalid opening hours: (.+)\."), r"Horario de atención no válido: \1."),
    (re.compile(r"(\w+) needs a time zone offset\."), r"\1 necesita la diferencia horaria."),
    (re.compile(r"(.+) is not a valid (\w+) ID\."), r"\1 no es un ID de \2 válido."),
    (
        re.compile(r"Give a URL of up to (\d+) characters\."),
        r"Indique una URL de hasta \1 caracteres.",
    ),
    (
        re.compile(r"The host (\S+) could not be resolved\."),
        r"No se pudo resolver el servidor \1.",
    ),
    (
        re.compile(
            r"The host (\S+) resolves to (\S+), a private or local address, "
            r"which webhooks may not reach\."
        ),
        r"El servidor \1 apunta a \2, una dirección privada o local, a la que los webhooks "
        r"no pueden llegar.",
    ),
    (re.compile(r"Allow at most (\d+) networks\."), r"Permita como máximo \1 redes."),
    (
        re.compile(r"(.+) is not a network \(write it like 10\.0\.0\.0/8 or 127\.0\.0\.1\)\."),
        r"\1 no es una red (escríbala como 10.0.0.0/8 o 127.0.0.1).",
    ),
    (
        re.compile(r"Give the webhook a name of up to (\d+) characters\."),
        r"Dé al webhook un nombre de hasta \1 caracteres.",
    ),
    (re.compile(r"Choose event kinds among: (.+)\."), r"Elija tipos de evento entre: \1."),
    (
        re.compile(r"Partners receive only public events: (.+)\."),
        r"Los socios solo reciben eventos públicos: \1.",
    ),
    (
        re.compile(r"Choose a timeout of (\d+) to (\d+) seconds\."),
        r"Elija un tiempo de espera de \1 a \2 segundos.",
    ),
    (re.compile(r"Keep at most (\d+) webhooks\."), r"Tenga como máximo \1 webhooks."),
    (
        re.compile(r"Give the trigger a name of up to (\d+) characters\."),
        r"Dé al disparador un nombre de hasta \1 caracteres.",
    ),
    (re.compile(r"Give 1 to (\d+) actions\."), r"Indique de 1 a \1 acciones."),
    (
        re.compile(r"Give the time rule a name of up to (\d+) characters\."),
        r"Dé a la regla de tiempo un nombre de hasta \1 caracteres.",
    ),
    (re.compile(r"Wait from 1 to (\d+) minutes\."), r"Espere de 1 a \1 minutos."),
    (
        re.compile(r"Keep text conditions to (\d+) characters\."),
        r"Las condiciones de texto tienen como máximo \1 caracteres.",
    ),
    (
        re.compile(r"Keep the text to (\d+) characters\."),
        r"El texto tiene como máximo \1 caracteres.",
    ),
    (re.compile(r"(\w+) needs (\w+)\."), r"\1 necesita \2."),
]


def spanish_of(message: str) -> str | None:
    """The Spanish of an English message, if the catalog has it."""
    if message in SPANISH:
        return SPANISH[message]
    for pattern, replacement in SPANISH_PATTERNS:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return None


def in_language(message: str, language: Language | None) -> str:
    """`message` for a reader of `language` (None: as written). Messages already written in
    both languages are left whole."""
    if language is not Language.ES:
        return message
    return spanish_of(message) or message


def preferred_language(accept_language: str | None) -> Language | None:
    """The first of Spanish or English the request's Accept-Language prefers, else None."""
    best: tuple[float, Language] | None = None
    for part in (accept_language or "").split(",")[:20]:
        tag, *params = (piece.strip() for piece in part.split(";"))
        language = {"es": Language.ES, "en": Language.EN}.get(tag.lower()[:2])
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if language is not None and quality > 0 and (best is None or quality > best[0]):
            best = (quality, language)
    return best[1] if best else None
